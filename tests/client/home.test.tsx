import type { WhoamiOutput } from '../../shared/account'
import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

function openHome() {
  const app = launchApp()
  const Page = (app.load('client/pages/home/index') as { default: () => React.ReactElement }).default
  app.render(<Page />)
  return app
}

function signedInAs(me: WhoamiOutput) {
  phone.answerCloudCalls(async ({ name, data }) => {
    if (name === 'account' && JSON.stringify(data) === JSON.stringify({ action: 'whoami', input: {} })) return { result: { ok: true, data: me } }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
}

const cadre: WhoamiOutput = {
  nickName: '陈静',
  isNew: false,
  grants: [{ unionId: 'u-street-wangjing', unionName: '望京街道工会联合会', role: 'staff', roleLabel: '工会工作人员' }],
}
const chair: WhoamiOutput = {
  nickName: '张建国',
  isNew: false,
  grants: [
    { unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'member', roleLabel: '会员' },
    { unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'chair', roleLabel: '工会主席' },
  ],
}

// appointed by invitation (issue 12) without joining: an office, not a membership
const chairNotMember: WhoamiOutput = {
  nickName: '赵德明',
  isNew: false,
  grants: [{ unionId: 'u-new', unionName: '北京某物流有限公司工会', role: 'chair', roleLabel: '工会主席' }],
}
const cadreAndMember: WhoamiOutput = {
  nickName: '陈静',
  isNew: false,
  grants: [
    { unionId: 'u-street-wangjing', unionName: '望京街道工会联合会', role: 'staff', roleLabel: '工会工作人员' },
    { unionId: 'u-tech', unionName: '北京某科技有限公司工会', role: 'member', roleLabel: '会员' },
  ],
}

const tileTitles = (container: HTMLElement) => Array.from(container.querySelectorAll('.home__tile-title')).map((t) => t.textContent)

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

describe('首页 tiles by role', () => {
  it('shows a federation cadre her work first and no 申请入会 tile', async () => {
    signedInAs(cadre)
    const { screen } = openHome()
    await screen.findByText('您好，陈静')
    const titles = tileTitles(document.body)
    expect(titles[0]).toBe('待办审批')
    expect(titles).toEqual(expect.arrayContaining(['帮扶管理', '我组织的活动']))
    expect(titles).not.toContain('申请入会')
    expect(titles).not.toContain('会员卡')
  })

  it('puts a chair’s 待办审批 before his own member card', async () => {
    signedInAs(chair)
    const { screen } = openHome()
    await screen.findByText('您好，张建国')
    expect(tileTitles(document.body).slice(0, 2)).toEqual(['待办审批', '会员卡'])
  })

  it('shows no 会员卡 to a chair who holds the office but no membership, and no 申请入会 either', async () => {
    signedInAs(chairNotMember)
    const { screen } = openHome()
    await screen.findByText('您好，赵德明')
    const titles = tileTitles(document.body)
    expect(titles[0]).toBe('待办审批')
    expect(titles).not.toContain('会员卡')
    expect(titles).not.toContain('申请入会')
  })

  it('gives a federation cadre who is also a member her work first, then her own card', async () => {
    signedInAs(cadreAndMember)
    const { screen } = openHome()
    await screen.findByText('您好，陈静')
    const titles = tileTitles(document.body)
    expect(titles.slice(0, 3)).toEqual(['待办审批', '帮扶管理', '我组织的活动'])
    expect(titles).toContain('会员卡')
    expect(titles).not.toContain('申请入会')
  })
})
