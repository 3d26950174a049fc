/**
 * @jest-environment jsdom
 */
// The production weapp build (dist/weapp), rendered by miniprogram-simulate with WeChat's own template
// compiler. What this covers and what it cannot: see tests/weapp/README.md.
import { shippedPhone } from './support/shippedPhone'

const chair = {
  nickName: '张建国',
  isNew: false,
  grants: [{ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'chair', roleLabel: '工会主席' }],
}
const worker = {
  nickName: '王芳',
  isNew: false,
  grants: [{ unionId: 'u-tech', unionName: '北京某科技有限公司工会', role: 'member', roleLabel: '会员' }],
}

const phone = shippedPhone()

describe('首页 in the production weapp build', () => {
  it('asks account.whoami through wx.cloud.callFunction and greets the chair by name, union and role', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: chair } }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('您好，张建国')).toBe(true)
    expect(home.text()).toContain('北京某建筑工程有限公司工会 · 工会主席')
    // besides who she is, a chair's home asks for her counts, her open applications and, once it knows her
    // union, her 工作台 (union.workbench)
    expect(phone.cloudCalls).toContainEqual({ name: 'account', data: { action: 'whoami', input: {} } })
    expect(await phone.until(() => phone.cloudCalls.some((c) => c.name === 'union'))).toBe(true)
    expect(phone.cloudCalls).toContainEqual({ name: 'union', data: { action: 'workbench', input: { unionId: 'u-build' } } })
    expect(phone.cloudCalls).toContainEqual({ name: 'review', data: { action: 'pendingCount', input: {} } })
    home.close()
  })

  it('opens the review subpackage from a chair’s 待办审批 tile', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: chair } }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('待办审批')).toBe(true)
    home.tap('待办审批')
    expect(await phone.until(() => phone.navigations.length > 0)).toBe(true)
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/review/index' }])
    home.close()
  })

  it('shows a member no 待办审批 tile', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: worker } }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('您好，王芳')).toBe(true)
    expect(home.text()).not.toContain('待办审批')
    home.close()
  })

  it('shows 网络不通 when the network drops, and loads again from 重试', async () => {
    phone.answerCloudCalls(() => ({ errMsg: 'cloud.callFunction:fail request:fail' }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('网络不通')).toBe(true)
    phone.answerCloudCalls(() => ({ result: { ok: true, data: worker } }))
    const before = phone.cloudCalls.filter((c) => (c.data as { action?: string }).action === 'whoami').length
    home.tap('重试')
    expect(await home.shows('您好，王芳')).toBe(true)
    // 重试 asks whoami once more, not the whole page over and over
    expect(phone.cloudCalls.filter((c) => (c.data as { action?: string }).action === 'whoami')).toHaveLength(before + 1)
    home.close()
  })

  it('shows an answer that breaks the whoami schema as an error, never as data', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: { nickName: 42 } } }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('没能加载出来')).toBe(true)
    expect(home.text()).not.toContain('您好')
    home.close()
  })

  it('follows WeChat’s font size, and 大字模式 raises the root font size to 1.25× and remembers it', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: worker } }))
    const home = phone.open('pages/home/index')
    expect(await home.shows('大字模式')).toBe(true)
    expect(home.rootFontSize()).toBe('system')
    home.tap('大字模式')
    expect(await home.shows('恢复标准字号')).toBe(true)
    expect(home.rootFontSize()).toBe('21px') // WeChat standard 17px × 1.25
    expect(phone.storage.get('pref:largeType')).toBe('true')
    home.tap('恢复标准字号')
    expect(await home.shows('大字模式')).toBe(true)
    home.close()
  })
})
