import type { ProfileView } from '../../shared/membership'
import { closeApp, launchApp } from './support/launch'
import { emptyProfile } from './support/profile'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/**
 * 入会申请 starts from what the profile already holds. 李强 opens the form from his employer's union
 * before his profile is complete, fills the profile, and comes back: the form has his 岗位, not an
 * empty field left over from the first visit.
 */
const blank: ProfileView = { ...emptyProfile, missing: ['同意个人信息保护说明', '姓名', '手机号', '身份证号', '工作单位', '岗位'] }
const filled: ProfileView = {
  ...blank,
  name: '李强',
  phoneMasked: '138****0000',
  idNumberMasked: '4127**********0011',
  gender: 'male',
  migrant: true,
  employer: '北京某建筑工程有限公司',
  job: '钢筋工',
  consents: { privacy_policy: true, id_number: true },
  complete: true,
  missing: [],
}
const union = {
  _id: 'u-build',
  name: '北京某建筑工程有限公司工会',
  level: 'grassroots',
  parentId: 'u-street-wangjing',
  region: '北京市朝阳区望京街道',
  employer: '北京某建筑工程有限公司',
  acceptsGigWorkers: false,
}

let profile = blank
beforeEach(() => {
  phone.reset()
  buildAs('weapp')
  profile = blank
  phone.openWith({ unionId: 'u-build' })
  phone.answerCloudCalls(async ({ name, data }) => {
    const { action } = data as { action: string }
    const ok = (d: unknown) => ({ result: { ok: true, data: d } })
    if (name === 'account' && action === 'whoami') return ok({ nickName: '李强', isNew: false, grants: [], ownerKey: 'owner-li' })
    if (name === 'union' && action === 'getUnion') return ok({ union, ancestors: [{ _id: 'u-district', name: '朝阳区总工会' }] })
    if (name === 'membership' && action === 'getProfile') return ok(profile)
    if (name === 'membership' && action === 'myMembership') return ok({ current: null, history: [], openRequest: null })
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
})
afterEach(closeApp)

function openJoin() {
  const app = launchApp()
  const Page = (app.load('client/packages/membership/join/index') as { default: () => React.ReactElement }).default
  const view = app.render(<Page />)
  const valueOf = (name: string) => document.querySelector<HTMLElement & { value?: string }>(`taro-input-core[name="${name}"]`)?.value
  return { ...app, view, Page, valueOf }
}

describe('入会申请 prefilled from the profile', () => {
  it('fills 岗位 and 工作单位 when the profile was completed after a first visit to the form', async () => {
    // first visit: the profile is not complete yet, the form asks for it first
    const app = openJoin()
    await app.screen.findByText('请先完善个人信息')
    await app.waitFor(() => expect(phone.storedDraft('membership.join')).toContain('u-build'))
    app.view.unmount()

    // back from 完善个人信息 (a new page of the same launch): the profile now holds his job
    profile = filled
    app.render(<app.Page />)
    await app.screen.findByText('岗位或工种')
    await app.waitFor(() => expect(app.valueOf('job')).toBe('钢筋工'))
    expect(app.valueOf('employer')).toBe('北京某建筑工程有限公司')
    expect(phone.storedDraft('membership.join')).toContain('钢筋工')
  })

  it('keeps what the person typed for this union over the profile', async () => {
    profile = filled
    const first = openJoin()
    await first.screen.findByText('岗位或工种')
    await first.waitFor(() => expect(first.valueOf('job')).toBe('钢筋工'))
    const job = document.querySelector('taro-input-core[name="job"]') as HTMLElement
    first.act(() => void job.dispatchEvent(new CustomEvent('input', { detail: { value: '钢筋班组长' }, bubbles: true })))
    await first.waitFor(() => expect(phone.storedDraft('membership.join')).toContain('钢筋班组长'))

    const again = openJoin()
    await again.screen.findByText('岗位或工种')
    await again.waitFor(() => expect(again.valueOf('job')).toBe('钢筋班组长'))
  })

  it('shows the applicant’s 农民工 answer from the profile, with the rest of what the union is sent', async () => {
    profile = filled
    const { screen } = openJoin()
    await screen.findByText('岗位或工种')
    expect(screen.getByText('是否农民工')).toBeTruthy()
    expect(screen.getByText('是')).toBeTruthy()
  })
})
