import type { WhoamiOutput } from '../../shared/account'
import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

// Each test starts the app afresh, so no preference or cache leaks from the previous test.
function openPage(page: string) {
  const app = launchApp()
  const Page = (app.load(`client/pages/${page}/index`) as { default: () => React.ReactElement }).default
  const view = app.render(<Page />)
  return { ...app, view, Page }
}

function signedInAs(me: WhoamiOutput) {
  phone.answerCloudCalls(async ({ name, data }) => {
    if (name === 'account' && JSON.stringify(data) === JSON.stringify({ action: 'whoami', input: {} })) return { result: { ok: true, data: me } }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
}

const worker: WhoamiOutput = {
  nickName: '王芳',
  isNew: false,
  grants: [{ unionId: 'u-tech', unionName: '北京某科技有限公司工会', role: 'member', roleLabel: '会员' }],
}
const chair: WhoamiOutput = {
  nickName: '张建国',
  isNew: false,
  grants: [{ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'chair', roleLabel: '工会主席' }],
}
const migrant: WhoamiOutput = { nickName: '李强', isNew: true, grants: [] }

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

describe('首页', () => {
  it('greets a member by name with their union and role, without an approvals tile', async () => {
    signedInAs(worker)
    const { screen, fireEvent } = openPage('home')
    expect(await screen.findByText('您好，王芳')).toBeTruthy()
    expect(screen.getByText('北京某科技有限公司工会 · 会员')).toBeTruthy()
    expect(screen.getByText('会员卡')).toBeTruthy()
    expect(screen.queryByText('待办审批')).toBeNull()
  })

  it('gives a union chair the 待办审批 tile, which opens the review subpackage', async () => {
    signedInAs(chair)
    const { screen, fireEvent } = openPage('home')
    fireEvent.click(await screen.findByText('待办审批'))
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/review/index' }])
  })

  it('invites someone outside any union to join', async () => {
    signedInAs(migrant)
    const { screen, fireEvent } = openPage('home')
    expect(await screen.findByText('您还没有加入工会')).toBeTruthy()
    fireEvent.click(screen.getByText('申请入会'))
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/membership/index' }])
  })

  it('opens the 活动 tab with switchTab, since tab pages cannot be navigated to', async () => {
    signedInAs(worker)
    const { screen, fireEvent } = openPage('home')
    fireEvent.click(await screen.findByText('工会活动'))
    expect(phone.navigations).toEqual([{ kind: 'switchTab', url: '/pages/events/index' }])
  })
})

describe('我的', () => {
  it('offers 切换演示身份 only in the H5 build', async () => {
    signedInAs(worker)
    const { screen, view, render, Page } = openPage('me')
    await screen.findByText('王芳')
    expect(screen.queryByText('切换演示身份')).toBeNull()
    view.unmount()

    buildAs('h5')
    Object.assign(globalThis, { fetch: phone.fakeGateway() })
    render(<Page />)
    await screen.findByText('王芳')
    expect(screen.getByText('切换演示身份')).toBeTruthy()
  })

  it('opens 隐私与授权 from its row', async () => {
    signedInAs(worker)
    const { screen, fireEvent } = openPage('me')
    fireEvent.click(screen.getByText('隐私与授权'))
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/about/privacy/index' }])
  })

  it('lists what is mine, each one tap away: 我的申请, 我的报名, 会员卡, 我的消息, 隐私与授权', async () => {
    signedInAs(worker)
    const { screen, fireEvent } = openPage('me')
    for (const title of ['我的申请', '我的报名', '会员卡', '我的消息', '隐私与授权']) fireEvent.click(screen.getByText(title))
    expect(phone.navigations.map((n) => n.url)).toEqual([
      '/packages/review/mine',
      '/packages/events/index',
      '/packages/membership/index',
      '/packages/inbox/index',
      '/packages/about/privacy/index',
    ])
  })

  it('offers a chair without a membership 申请入会 where a member has 会员卡', async () => {
    signedInAs(chair)
    const { screen, fireEvent } = openPage('me')
    await screen.findByText('张建国')
    expect(screen.queryByText('会员卡')).toBeNull()
    fireEvent.click(screen.getByText('申请入会'))
    expect(phone.navigations.map((n) => n.url)).toEqual(['/packages/membership/index'])
  })
})
