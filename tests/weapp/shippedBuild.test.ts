/**
 * @jest-environment jsdom
 */
import { SimulatedPhone } from './support/simulatedPhone'
import { BUILD_LIMIT_MS, builtFiles, ensureProductionWeappBuild } from './support/weappBuild'

let phone: SimulatedPhone
beforeAll(() => {
  ensureProductionWeappBuild()
  phone = new SimulatedPhone(17)
  phone.launch()
}, BUILD_LIMIT_MS)

describe('the production weapp build', () => {
  it('contains no dev sign-in and no H5 gateway code', () => {
    const leaks = builtFiles()
      .filter(([, text]) => text.includes('/dev/login') || text.includes('/api/fn/') || text.includes('切换演示身份'))
      .map(([file]) => file)
    expect(leaks).toEqual([])
  })

  it('renders the 隐私说明 subpackage page, whose 返回 goes back one page', async () => {
    const privacy = phone.open('packages/about/privacy/index', 2)
    expect(await privacy.shows('我们收集什么')).toBe(true)
    expect(privacy.text()).toContain('您的权利')
    privacy.tap('返回')
    expect(await phone.until(() => phone.navigations.length > 0)).toBe(true)
    expect(phone.navigations).toEqual([{ kind: 'navigateBack' }])
    privacy.close()
  })
})
