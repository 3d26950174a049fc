import { z } from 'zod'
import { membershipActions } from '../../shared/membership/actions'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { reviewActions } from '../../shared/requests/actions'
import { creditCodeCheckChar, unionActions } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

// each test makes several calls through the compiled function; a loaded 2-core machine needs more than 5 s
jest.setTimeout(60_000)

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
}, 60_000)
afterAll(() => cloud.cleanup())

/** A well-formed 统一社会信用代码 ending in `tail` (5 digits), with its check character computed. */
const creditCode = (tail: string) => {
  const first = `91110105MA01${tail}`
  return first + creditCodeCheckChar(first)
}
const registration = (tail: string, name = `北京测试${tail}有限公司工会`) => ({
  parentId: 'u-street-wangjing',
  name,
  employer: name.replace(/工会$/, ''),
  creditCode: creditCode(tail),
  address: '北京市朝阳区望京街10号',
  region: '望京街道',
  industry: '信息技术',
  employeeCount: 120,
})
const Role = z.object({ _id: z.string(), openid: z.string(), unionId: z.string(), role: z.string() })
const roles = async (where: Record<string, unknown>) => z.array(Role).parse(await adminDb().find('roles', where))
const History = z.object({ data: z.array(z.object({ action: z.string(), at: z.date() })) })
/** The union's history in the order it happened (lines of one transaction share a time). */
const historyActions = async (unionId: string) =>
  History.parse(await adminDb().db.collection('union_history').where({ unionId }).orderBy('at', 'asc').limit(100).get()).data.map((h) => h.action)
const officerIdOf = async (caller: string, unionId: string, role: string) => {
  const office = dataOf(await cloud.callAction(caller, unionActions.getOffice, { unionId }))
  const found = office.officers.find((o) => o.role === role)
  if (!found) throw new Error(`no ${role} at ${unionId}`)
  return found.officerId
}

async function registerWithChair(tail: string, chair: string): Promise<string> {
  const { unionId } = dataOf(await cloud.callAction('demo-staff', unionActions.registerUnion, registration(tail)))
  const { token } = dataOf(await cloud.callAction('demo-staff', unionActions.createInvitation, { unionId, role: 'chair' }))
  dataOf(await cloud.callAction(chair, unionActions.acceptInvitation, { token }))
  return unionId
}

describe('建会登记 by federation staff', () => {
  it('registers a grassroots union under 陈静\'s street; its invited chair then runs it', async () => {
    const reg = registration('10001')
    const created = dataOf(await cloud.callAction('demo-staff', unionActions.registerUnion, { ...reg, creditCode: ` ${reg.creditCode.toLowerCase()} ` }))
    const [stored] = await adminDb().find('unions', { _id: created.unionId })
    expect(stored).toMatchObject({ level: 'grassroots', parentId: 'u-street-wangjing', path: ['u-district', 'u-street-wangjing', created.unionId], creditCode: reg.creditCode, employeeCount: 120 })
    const tree = dataOf(await cloud.callAction('demo-migrant', unionActions.getTree, { parentId: 'u-street-wangjing', limit: 50 }))
    expect(tree.children.map((u) => u._id)).toContain(created.unionId)

    const { token } = dataOf(await cloud.callAction('demo-staff', unionActions.createInvitation, { unionId: created.unionId, role: 'chair' }))
    dataOf(await cloud.callAction('chair-10001', unionActions.acceptInvitation, { token }))
    const office = dataOf(await cloud.callAction('chair-10001', unionActions.getOffice, { unionId: created.unionId }))
    expect(office.officers.map((o) => [o.role, o.isMe, o.approver])).toEqual([['chair', true, true]])
    expect(office).toMatchObject({ memberCount: 0, decidedAbove: false })
    expect(office.may).toMatchObject({ inviteChair: false, inviteOfficers: true, dissolve: false, rename: true })
    expect(JSON.stringify(office)).not.toContain('chair-10001')
    expect(await historyActions(created.unionId)).toEqual(['register', 'invite', 'accept_invitation'])
    const offices = dataOf(await cloud.callAction('chair-10001', unionActions.myOffices, {}))
    expect(offices.offices).toEqual([{ unionId: created.unionId, unionName: reg.name, level: 'grassroots', role: 'chair', roleLabel: '工会主席' }])
  })

  it('refuses a 统一社会信用代码 with a wrong check digit, naming the field, and writes nothing', async () => {
    const reg = registration('10002')
    const wrong = reg.creditCode.slice(0, 17) + (reg.creditCode[17] === '0' ? '1' : '0')
    const before = await adminDb().count('unions')
    const error = errorOf(await cloud.callAs('demo-staff', 'union', 'registerUnion', { ...reg, creditCode: wrong }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields?.creditCode).toBe('统一社会信用代码的最后一位校验码不对，请对照营业执照逐位核对')
    expect(errorOf(await cloud.callAs('demo-staff', 'union', 'registerUnion', { ...reg, creditCode: '9111' })).fields?.creditCode).toBe('统一社会信用代码是18位，请对照营业执照核对')
    expect(errorOf(await cloud.callAs('demo-staff', 'union', 'registerUnion', { ...reg, employeeCount: 0 })).fields?.employeeCount).toBe('职工人数至少1人')
    expect(await adminDb().count('unions')).toBe(before)
  })

  it('refuses a second union for the same employer, naming the first', async () => {
    const reg = registration('10003')
    dataOf(await cloud.callAction('demo-staff', unionActions.registerUnion, reg))
    const error = errorOf(await cloud.callAction('demo-staff', unionActions.registerUnion, { ...reg, name: '另一个名字的工会' }))
    expect(error).toMatchObject({ code: 'CONFLICT', fields: { creditCode: `这家单位已经建立了工会：${reg.name}` } })
  })

  it('refuses every wrong role: chairs, members, strangers, staff of another street, a grassroots parent', async () => {
    for (const openid of ['demo-chair', 'demo-worker', 'demo-migrant']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.registerUnion, registration('10004'))).code).toBe('FORBIDDEN')
    }
    expect(errorOf(await cloud.callAction('demo-staff', unionActions.registerUnion, { ...registration('10004'), parentId: 'u-street-jiuxianqiao' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-staff', unionActions.registerUnion, { ...registration('10004'), parentId: 'u-tech' })).code).toBe('FORBIDDEN')
    expect(await adminDb().count('unions', { creditCode: creditCode('10004') })).toBe(0)
  })
})

describe('officers: appoint, designate approvers, remove', () => {
  it('names each officer as the member register has it, masked for everyone but themself, and says so when no name is on file', async () => {
    const seen = async (caller: string, unionId: string) => dataOf(await cloud.callAction(caller, unionActions.getOffice, { unionId })).officers.map((o) => [o.role, o.name])
    expect(await seen('demo-staff', 'u-build')).toContainEqual(['chair', '张*国'])
    expect(await seen('demo-chair', 'u-build')).toContainEqual(['chair', '张建国'])
    // a chair new to the app accepted the invitation: no member record, no WeChat name
    const unionId = await registerWithChair('60001', 'chair-60001')
    expect(await seen('demo-staff', unionId)).toEqual([['chair', '未填写姓名']])
    expect(await seen('chair-60001', unionId)).toEqual([['chair', '未填写姓名']])
    // once the member register has her name, the page shows it
    await adminDb().db.collection('member_profiles').add({ data: { _id: 'chair-60001', openid: 'chair-60001', name: '欧阳明华' } })
    expect(await seen('demo-staff', unionId)).toEqual([['chair', '欧**华']])
    expect(await seen('chair-60001', unionId)).toEqual([['chair', '欧阳明华']])
  })

  it('lets the chair appoint a vice-chair by invitation, make her an approver, and remove her, each with history', async () => {
    const unionId = await registerWithChair('20001', 'chair-20001')
    const { token } = dataOf(await cloud.callAction('chair-20001', unionActions.createInvitation, { unionId, role: 'vice_chair' }))
    dataOf(await cloud.callAction('vice-20001', unionActions.acceptInvitation, { token }))
    const [vice] = await roles({ openid: 'vice-20001', unionId })
    expect(vice.role).toBe('vice_chair')
    const viceId = await officerIdOf('chair-20001', unionId, 'vice_chair')

    const designated = dataOf(await cloud.callAction('chair-20001', unionActions.setApprover, { unionId, officerId: viceId, kinds: ['membership.join', 'membership.transfer'] }))
    expect(designated.officers.find((o) => o.officerId === viceId)).toMatchObject({ approver: true, approverKinds: ['membership.join', 'membership.transfer'] })
    const [stored] = await adminDb().find('roles', { _id: vice._id })
    expect(stored.approverKinds).toEqual(['membership.join', 'membership.transfer'])

    expect(errorOf(await cloud.callAction('vice-20001', unionActions.removeOfficer, { unionId, officerId: viceId, reason: '工作调动' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-worker', unionActions.setApprover, { unionId, officerId: viceId, kinds: [] })).code).toBe('FORBIDDEN')
    const removed = dataOf(await cloud.callAction('chair-20001', unionActions.removeOfficer, { unionId, officerId: viceId, reason: '工作调动' }))
    expect(removed.officers.map((o) => o.role)).toEqual(['chair'])
    expect(await roles({ openid: 'vice-20001' })).toEqual([])
    expect(await historyActions(unionId)).toEqual(['register', 'invite', 'accept_invitation', 'invite', 'accept_invitation', 'set_approver', 'remove'])
    expect(errorOf(await cloud.callAction('chair-20001', unionActions.removeOfficer, { unionId, officerId: viceId, reason: '工作调动' })).code).toBe('NOT_FOUND')
  })

  it('keeps the chair from removing herself or designating a committee member; the federation removes a chair and decides above', async () => {
    const unionId = await registerWithChair('20002', 'chair-20002')
    const chairId = await officerIdOf('chair-20002', unionId, 'chair')
    expect(errorOf(await cloud.callAction('chair-20002', unionActions.removeOfficer, { unionId, officerId: chairId, reason: '任期届满' })).code).toBe('FORBIDDEN')
    const { token } = dataOf(await cloud.callAction('chair-20002', unionActions.createInvitation, { unionId, role: 'committee' }))
    dataOf(await cloud.callAction('committee-20002', unionActions.acceptInvitation, { token }))
    const committeeId = await officerIdOf('chair-20002', unionId, 'committee')
    expect(errorOf(await cloud.callAction('chair-20002', unionActions.setApprover, { unionId, officerId: committeeId, kinds: ['membership.join'] }))).toMatchObject({ code: 'INVALID_INPUT', fields: { officerId: '请选择一位副主席' } })
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.removeOfficer, { unionId, officerId: committeeId, reason: '工作调动' })).code).toBe('FORBIDDEN')
    const after = dataOf(await cloud.callAction('demo-staff', unionActions.removeOfficer, { unionId, officerId: chairId, reason: '任期届满' }))
    expect(after).toMatchObject({ decidedAbove: true })
    expect(after.officers.map((o) => o.role)).toEqual(['committee'])
    expect(errorOf(await cloud.callAs('demo-staff', 'union', 'removeOfficer', { unionId, officerId: committeeId, reason: '' })).fields?.reason).toBe('免职原因至少2个字')
  })

  it('shows a union\'s page only to its officers and the federation over it', async () => {
    for (const openid of ['demo-worker', 'demo-migrant', 'demo-chair']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.getOffice, { unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    }
    const office = dataOf(await cloud.callAction('demo-staff', unionActions.getOffice, { unionId: 'u-tech' }))
    expect(office.memberCount).toBe(2)
    expect(office).toMatchObject({ decidedAbove: true, inviteCode: 'KJGH26' })
    expect(office.may).toMatchObject({ inviteChair: true, dissolve: true, registerChild: false })
    expect(dataOf(await cloud.callAction('demo-chair', unionActions.getOffice, { unionId: 'u-build' })).may).toMatchObject({ inviteChair: false, dissolve: false, rename: true })
  })
})

describe('更名 and 注销', () => {
  it('renames a union with a history line; refuses members and the same name', async () => {
    const unionId = await registerWithChair('30001', 'chair-30001')
    expect(errorOf(await cloud.callAction('demo-worker', unionActions.renameUnion, { unionId, name: '新名字工会' })).code).toBe('FORBIDDEN')
    expect(dataOf(await cloud.callAction('chair-30001', unionActions.renameUnion, { unionId, name: '北京测试新名有限公司工会' })).name).toBe('北京测试新名有限公司工会')
    expect(errorOf(await cloud.callAction('chair-30001', unionActions.renameUnion, { unionId, name: '北京测试新名有限公司工会' })).code).toBe('INVALID_INPUT')
    expect((await historyActions(unionId)).slice(-1)).toEqual(['rename'])
  })

  it('a rename reaches the union name its members’ grants carry (what their event sign-ups record)', async () => {
    const before = (await adminDb().find('roles', { unionId: 'u-build', role: 'member' })).filter((r) => r.unionName !== undefined)
    expect(before.length).toBeGreaterThan(0)
    expect(dataOf(await cloud.callAction('demo-chair', unionActions.renameUnion, { unionId: 'u-build', name: '北京某建筑工程集团有限公司工会' })).name).toBe('北京某建筑工程集团有限公司工会')
    const after = await adminDb().find('roles', { unionId: 'u-build', role: 'member' })
    expect(after.map((r) => r.unionName)).toEqual(after.map(() => '北京某建筑工程集团有限公司工会'))
    await cloud.callAction('demo-chair', unionActions.renameUnion, { unionId: 'u-build', name: before[0].unionName as string })
  })

  it('dissolves a union: members keep 会籍 at the street federation, offices end, the union leaves search and its invite code stops', async () => {
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.dissolveUnion, { unionId: 'u-tech', members: 'retain', reason: '单位注销' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-worker', unionActions.dissolveUnion, { unionId: 'u-tech', members: 'retain', reason: '单位注销' })).code).toBe('FORBIDDEN')
    const progress = dataOf(await cloud.callAction('demo-staff', unionActions.dissolveUnion, { unionId: 'u-tech', members: 'retain', reason: '单位注销' }))
    expect(progress).toEqual({ unionId: 'u-tech', moved: 2, remaining: 0, done: true })
    const stints = await adminDb().find('memberships', { openid: 'demo-worker' })
    expect(stints.map((s) => [s.unionId, s.status, s.retainReason ?? null]).sort()).toEqual([
      ['u-street-wangjing', 'retained', 'employer_closed'],
      ['u-tech', 'transferred', null],
    ])
    const moved = stints.find((s) => s.unionId === 'u-street-wangjing')
    const [profile] = await adminDb().find('member_profiles', { _id: 'demo-worker' })
    expect(profile.currentMembershipId).toBe(moved?._id)
    expect((await roles({ openid: 'demo-worker' })).map((r) => [r.unionId, r.role])).toEqual([['u-street-wangjing', 'member']])
    const found = dataOf(await cloud.callAction('demo-migrant', unionActions.search, { keyword: '北京某科技' }))
    expect(found.items.map((u) => u._id)).not.toContain('u-tech')
    expect(errorOf(await cloud.callAction('demo-migrant', unionActions.byInviteCode, { code: 'KJGH26' })).code).toBe('NOT_FOUND')
    expect((await historyActions('u-tech')).slice(-1)).toEqual(['dissolve'])
  })
})

describe('a dissolved union takes no one in', () => {
  it('an application or a transfer to it is refused by whoever kept its id, and nothing is filed', async () => {
    // u-tech was dissolved above; 赵新来 is not a member, 王芳 is kept at the street federation
    for (const openid of ['dis-newcomer', 'demo-worker']) {
      dataOf(await cloud.callAction(openid, membershipActions.giveConsent, { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION }))
      dataOf(await cloud.callAction(openid, membershipActions.giveConsent, { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION }))
    }
    const body = '11010519900909321'
    const profile = { name: '赵新来', phone: '13700000009', idNumber: body + idCheckChar(body), workerType: 'employee' as const, employer: '北京某科技有限公司', job: '保洁', area: '望京街道' }
    dataOf(await cloud.callAction('dis-newcomer', membershipActions.saveProfile, profile))
    const joined = errorOf(await cloud.callAction('dis-newcomer', membershipActions.submitApplication, { unionId: 'u-tech', employer: '北京某科技有限公司', job: '保洁', acceptCharter: true }))
    expect(joined).toMatchObject({ code: 'INVALID_INPUT', message: '北京某科技有限公司工会已经注销，不再接收入会和转入申请，请选择您现在单位的工会或所在街道的工会' })
    expect(joined.fields?.unionId).toBe('北京某科技有限公司工会已经注销')
    const moved = errorOf(await cloud.callAction('demo-worker', membershipActions.requestTransfer, { toUnionId: 'u-tech', employer: '北京某科技有限公司', job: '工程师', reason: '回原单位' }))
    expect(moved.fields?.toUnionId).toBe('北京某科技有限公司工会已经注销')
    expect(await adminDb().count('requests', { unionId: 'u-tech', status: 'submitted' })).toBe(0)
  })
})

describe('建会申请 through the request engine', () => {
  const founding = (tail: string, heldOn = new Date(Date.now() - 3 * 24 * 3600 * 1000)) => ({
    ...registration(tail),
    meeting: { heldOn, place: '公司三楼会议室', attendees: 30, founders: 28, chairName: '李强' },
  })

  it('a workplace applies, the street federation approves, and the applicant chairs the new union', async () => {
    const submitted = dataOf(await cloud.callAction('demo-migrant', unionActions.submitFounding, founding('40001')))
    expect(errorOf(await cloud.callAction('demo-migrant', unionActions.submitFounding, founding('40001'))).code).toBe('CONFLICT')
    expect(errorOf(await cloud.callAction('demo-chair', reviewActions.act, { requestId: submitted.requestId, decision: 'approve', expectedVersion: 1 })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-worker', reviewActions.act, { requestId: submitted.requestId, decision: 'approve', expectedVersion: 1 })).code).toBe('FORBIDDEN')
    dataOf(await cloud.callAction('demo-staff', reviewActions.act, { requestId: submitted.requestId, decision: 'approve', expectedVersion: 1 }))
    const [union] = await adminDb().find('unions', { creditCode: creditCode('40001') })
    expect(union).toMatchObject({ level: 'grassroots', parentId: 'u-street-wangjing', name: registration('40001').name })
    expect((await roles({ openid: 'demo-migrant', unionId: union._id })).map((r) => r.role)).toEqual(['chair'])
    expect((await historyActions(String(union._id))).sort()).toEqual(['appoint', 'register'])
  })

  it('refuses a meeting in the future and a wrong check digit, writing no request', async () => {
    const before = await adminDb().count('requests')
    const future = errorOf(await cloud.callAction('demo-migrant', unionActions.submitFounding, founding('40002', new Date(Date.now() + 5 * 24 * 3600 * 1000))))
    expect(future.fields?.['meeting.heldOn']).toBe('日期不能晚于今天')
    const bad = founding('40002')
    const wrong = errorOf(await cloud.callAs('demo-migrant', 'union', 'submitFounding', { ...bad, creditCode: bad.creditCode.slice(0, 17) + (bad.creditCode[17] === 'A' ? 'B' : 'A') }))
    expect(wrong.fields?.creditCode).toContain('校验码')
    expect(await adminDb().count('requests')).toBe(before)
  })
})
