import type { ProfileView } from '../../shared/membership'
import { closeApp, launchApp } from './support/launch'
import { emptyProfile } from './support/profile'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/**
 * The privacy notices list what is collected and why. 是否农民工 is asked on the profile (for the
 * federation's 农民工入会 figures), so both the notice a person agrees to before filling the profile and
 * 隐私与授权 must name it with its purpose.
 */
const newcomer: ProfileView = emptyProfile

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
  phone.answerCloudCalls(async ({ name, data }) => {
    const { action } = data as { action: string }
    const ok = (d: unknown) => ({ result: { ok: true, data: d } })
    if (name === 'account' && action === 'whoami') return ok({ nickName: '李强', isNew: true, grants: [], ownerKey: 'owner-li' })
    if (name === 'account' && action === 'myConsents') return ok({ items: [] })
    if (name === 'account' && action === 'myAccessLog') return ok({ items: [], next: null })
    if (name === 'membership' && action === 'getProfile') return ok(newcomer)
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
})
afterEach(closeApp)

function open(page: string) {
  const app = launchApp()
  const Page = (app.load(page) as { default: () => React.ReactElement }).default
  app.render(<Page />)
  return app
}

/** the texts of the page's notice lines that mention 农民工 */
const migrantLines = (selector: string) => Array.from(document.querySelectorAll(selector)).map((n) => n.textContent ?? '').filter((t) => t.includes('农民工'))

describe('是否农民工 in the privacy notices', () => {
  it('隐私与授权 says it is collected and what it is for', async () => {
    const { screen } = open('client/packages/about/privacy/index')
    await screen.findByText('我们收集什么')
    const lines = migrantLines('.privacy__line')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/是否农民工/)
    expect(lines[0]).toMatch(/用于.*统计农民工入会/)
  })

  it('the notice agreed to before the profile lists it among what is collected, with its purpose', async () => {
    const { screen } = open('client/packages/membership/profile/index')
    await screen.findByText('工会通个人信息保护说明')
    const lines = migrantLines('.mb__line')
    expect(lines.some((l) => l.startsWith('收集什么') && l.includes('是否农民工'))).toBe(true)
    expect(lines.some((l) => /用于.*统计农民工入会/.test(l))).toBe(true)
  })
})
