import { z } from 'zod'
import { inChina } from '../../shared/date'
import { accountActions } from '../../shared/account/actions'
import { membershipActions } from '../../shared/membership/actions'
import { reviewActions } from '../../shared/requests/actions'
import { unionActions } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { role } from '../helpers/roles'
import { adminDb } from './adminDb'

// each test makes several calls through the compiled function; a loaded 2-core machine needs more than 5 s
jest.setTimeout(90_000)

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const VICE = 'vice-build'
const COMMITTEE = 'committee-build'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  await cloud.db.seed({
    roles: [role(VICE, 'u-build', 'vice_chair', BUILD_PATH), role(COMMITTEE, 'u-build', 'committee', BUILD_PATH)],
    users: [{ _id: VICE, openid: VICE, nickName: '孙副主席', createdAt: new Date(), updatedAt: new Date() }],
  })
}, 90_000)
afterAll(() => cloud.cleanup())

// u-build's roster in the seed: 张建国 GH00000001 (the chair, demo-chair), 刘洋 GH00000002 (seed-liuyang), 周健 GH00000006 (seed-zhoujian)
const LIU = 'GH00000002'
const ZHOU = 'GH00000006'
const month = (back: number) => inChina(new Date()).subtract(back, 'month').format('YYYY-MM')
const label = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`
const member = (openid: string, memberNo: string, unionId = 'u-build') => cloud.callAction(openid, unionActions.member, { unionId, memberNo })
const arrearsRoster = async (openid = 'demo-chair') => dataOf(await cloud.callAction(openid, unionActions.roster, { unionId: 'u-build', arrears: true })).rows.map((r) => r.memberNo)
const Outbox = z.array(z.object({ toOpenid: z.string() }))

describe('拟除名 on the roster', () => {
  it('marks and filters the members six recorded months unpaid in a row, and no one on a shorter run', async () => {
    // six months back to last month: 刘洋 never paid; 周健 paid once in the middle
    for (let back = 6; back >= 1; back--) {
      const exceptions = [{ memberNo: LIU, status: 'unpaid' as const, reason: '未发工资' }, ...(back === 3 ? [] : [{ memberNo: ZHOU, status: 'unpaid' as const, reason: '未发工资' }])]
      expect(await arrearsRoster()).toEqual([])
      dataOf(await cloud.callAction('demo-chair', unionActions.recordDues, { unionId: 'u-build', month: month(back), amountFen: 2500, exceptions }))
    }
    expect(await arrearsRoster()).toEqual([LIU])
    const rows = dataOf(await cloud.callAction('demo-chair', unionActions.roster, { unionId: 'u-build' })).rows
    expect(rows.filter((r) => r.arrears).map((r) => r.name)).toEqual(['刘洋'])
    expect(errorOf(await cloud.callAction('demo-staff', unionActions.roster, { unionId: 'u-street-wangjing', subtree: true, arrears: true }))).toMatchObject({ code: 'INVALID_INPUT', fields: { arrears: '只能按单个工会查看' } })
    // the subtree still carries the mark on each row
    const subtree = dataOf(await cloud.callAction('demo-staff', unionActions.roster, { unionId: 'u-street-wangjing', subtree: true, limit: 50 })).rows
    expect(subtree.filter((r) => r.arrears).map((r) => r.name)).toEqual(['刘洋'])
  })
})

describe('会员详情', () => {
  it('shows the chair a member with masked identifiers, her stints, her dues and 拟除名, naming no openid', async () => {
    const liu = dataOf(await member('demo-chair', LIU))
    expect(liu).toMatchObject({ name: '刘洋', phoneMasked: '139****0005', statusLabel: '正常', arrears: true, exemption: null, hardshipFile: false, may: { reveal: true, expel: true, exempt: true } })
    expect(liu.dues.map((d) => d.month)).toEqual([1, 2, 3, 4, 5, 6].map(month))
    expect(liu.dues.every((d) => d.status === 'unpaid' && d.reason === '未发工资')).toBe(true)
    expect(JSON.stringify(liu)).not.toMatch(/13900000005|seed-|demo-/)
    const zhou = dataOf(await member('demo-chair', ZHOU))
    expect(zhou.stints.map((s) => [s.unionName, s.statusLabel])).toEqual([
      ['北京某建筑工程有限公司工会', '正常'],
      ['北京某科技有限公司工会', '已转出'],
    ])
    expect(zhou.arrears).toBe(false)
  })

  it('lets a committee member and the federation read it without deciding, and refuses members, strangers and another union', async () => {
    expect(dataOf(await member(COMMITTEE, LIU)).may).toEqual({ reveal: false, expel: false, exempt: false })
    expect(dataOf(await member('demo-staff', LIU)).may).toEqual({ reveal: true, expel: false, exempt: false })
    for (const openid of ['demo-worker', 'demo-migrant', 'seed-liuyang', 'nobody']) expect(errorOf(await member(openid, LIU)).code).toBe('FORBIDDEN')
    expect(errorOf(await member('demo-chair', 'GH00000003', 'u-tech')).code).toBe('FORBIDDEN')
    expect(errorOf(await member('demo-chair', 'GH00000003')).code).toBe('NOT_FOUND')
    expect(errorOf(await cloud.callAs('demo-chair', 'union', 'member', { unionId: 'u-build', memberNo: '{"$ne":1}' })).code).toBe('INVALID_INPUT')
  })

  it('opens the full phone number only through the audited path, which the member then sees', async () => {
    const before = await adminDb().count('audit_log')
    for (const openid of [COMMITTEE, 'demo-worker', 'nobody']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.revealMember, { unionId: 'u-build', memberNo: LIU, field: 'phone' })).code).toBe('FORBIDDEN')
    }
    expect(await adminDb().count('audit_log')).toBe(before)
    const shown = dataOf(await cloud.callAction('demo-chair', unionActions.revealMember, { unionId: 'u-build', memberNo: LIU, field: 'phone' }))
    expect(shown.value).toBe('13900000005')
    const [entry] = await adminDb().find('audit_log', { subjectOpenid: 'seed-liuyang' })
    expect(entry).toMatchObject({ actorOpenid: 'demo-chair', action: 'reveal_field', field: 'phone', requestId: null })
    const log = dataOf(await cloud.callAction('seed-liuyang', accountActions.myAccessLog, { limit: 10 }))
    expect(log.items.map((i) => i.what)).toContain('手机号')
  })
})

describe('会费减免', () => {
  it('lets the chair exempt a member in hardship, linked to her 困难档案: 拟除名 drops her, the month records 免缴, she sees it', async () => {
    await cloud.db.seed({ aid_files: [{ _id: 'file-liuyang', ownerOpenid: 'seed-liuyang', unionId: 'u-build', unionPath: BUILD_PATH, status: 'active' }] })
    for (const openid of ['demo-staff', VICE, COMMITTEE, 'seed-liuyang', 'nobody']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.grantExemption, { unionId: 'u-build', memberNo: LIU, from: month(0), reason: '困难职工' })).code).toBe('FORBIDDEN')
    }
    expect(errorOf(await cloud.callAs('demo-chair', 'union', 'grantExemption', { unionId: 'u-build', memberNo: LIU, from: '2025-13', reason: '困难职工' })).fields).toEqual({ from: '月份格式应为 2025-03' })
    const granted = dataOf(await cloud.callAction('demo-chair', unionActions.grantExemption, { unionId: 'u-build', memberNo: LIU, from: month(0), reason: '困难职工，家庭收入低于低保' }))
    expect(granted.exemption).toMatchObject({ fromLabel: `${label(month(0))}起`, hardshipFile: true })
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.grantExemption, { unionId: 'u-build', memberNo: LIU, from: month(0), reason: '困难职工' })).code).toBe('CONFLICT')
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.grantExemption, { unionId: 'u-build', memberNo: 'GH00000001', from: month(0), reason: '困难职工' })).message).toBe('不能为自己批准免缴会费')
    expect(await arrearsRoster()).toEqual([])

    dataOf(await cloud.callAction('demo-chair', unionActions.recordDues, { unionId: 'u-build', month: month(0), amountFen: 2500, exceptions: [] }))
    const [record] = await adminDb().find('union_dues', { unionId: 'u-build', month: month(0) })
    expect(z.array(z.object({ memberNo: z.string(), status: z.string(), reason: z.string() })).parse(record.lines).find((l) => l.memberNo === LIU)).toMatchObject({ status: 'exempt', reason: '困难职工免缴：困难职工，家庭收入低于低保' })
    const mine = dataOf(await cloud.callAction('seed-liuyang', unionActions.myDues, {}))
    expect(mine).toMatchObject({ paidThrough: label(month(0)), exemption: { fromLabel: `${label(month(0))}起`, hardshipFile: true } })
    expect(mine.history[0]).toMatchObject({ month: month(0), status: 'exempt', statusLabel: '免缴' })

    expect(errorOf(await cloud.callAction('demo-staff', unionActions.endExemption, { unionId: 'u-build', memberNo: LIU, reason: '已脱困' })).code).toBe('FORBIDDEN')
    expect(dataOf(await cloud.callAction('demo-chair', unionActions.endExemption, { unionId: 'u-build', memberNo: LIU, reason: '已脱困' })).exemption).toBeNull()
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.endExemption, { unionId: 'u-build', memberNo: LIU, reason: '已脱困' })).code).toBe('CONFLICT')
    expect(dataOf(await cloud.callAction('seed-liuyang', unionActions.myDues, {})).exemption).toBeNull()
    const actions = (await adminDb().find('union_history', { unionId: 'u-build' })).map((h) => h.action)
    expect(actions.filter((a) => a === 'exempt' || a === 'end_exemption').sort()).toEqual(['end_exemption', 'exempt'])
  })
})

describe('除名 through the request engine', () => {
  it('is proposed by the chair only, decided by the union\'s approver for 除名 (never the chair who proposed it), and told to the member', async () => {
    // 孙副主席 decides 除名 only
    const office = dataOf(await cloud.callAction('demo-chair', unionActions.getOffice, { unionId: 'u-build' }))
    const vice = office.officers.find((o) => o.role === 'vice_chair')
    if (!vice) throw new Error('no vice-chair')
    const set = dataOf(await cloud.callAction('demo-chair', unionActions.setApprover, { unionId: 'u-build', officerId: vice.officerId, kinds: ['membership.expel'] }))
    expect(set.officers.find((o) => o.role === 'vice_chair')).toMatchObject({ approver: true, approverKinds: ['membership.expel'] })
    expect(set.kinds.every((k) => !k.decidedAbove)).toBe(true)

    const propose = (openid: string, memberNo = ZHOU) =>
      cloud.callAction(openid, unionActions.proposeExpulsion, { unionId: 'u-build', memberNo, reason: '连续六个月无正当理由未缴纳会费' })
    for (const openid of ['demo-staff', VICE, COMMITTEE, 'seed-zhoujian', 'demo-worker', 'nobody']) expect(errorOf(await propose(openid)).code).toBe('FORBIDDEN')
    expect(errorOf(await propose('demo-chair', 'GH00000001')).code).toBe('CONFLICT')
    expect(errorOf(await cloud.callAs('demo-chair', 'union', 'proposeExpulsion', { unionId: 'u-build', memberNo: ZHOU, reason: '欠费' })).fields).toEqual({ reason: '除名理由至少5个字' })
    const { requestId } = dataOf(await propose('demo-chair'))
    expect(errorOf(await propose('demo-chair')).message).toBe('这位会员已有一份除名申请正在办理')
    expect(dataOf(await member('demo-chair', ZHOU))).toMatchObject({ expulsionPending: true, may: { expel: false } })

    // the reminder goes to the approver for 除名, not to the chair who proposed it nor up a level
    expect(Outbox.parse(await adminDb().find('outbox', { requestId })).map((o) => o.toOpenid)).toEqual([VICE])
    // the vice-chair sees it waiting, but not the 入会申请 she was not named for
    const pending = dataOf(await cloud.callAction(VICE, reviewActions.listPending, { limit: 20 }))
    expect(pending.items.map((i) => i.kind)).toEqual(['membership.expel'])
    const join = (await adminDb().find('requests', { kind: 'membership.join', reviewUnionId: 'u-build', closedAt: null }))[0]
    expect(errorOf(await cloud.callAction(VICE, reviewActions.act, { requestId: String(join._id), decision: 'approve', expectedVersion: Number(join.version) })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-chair', reviewActions.act, { requestId, decision: 'approve', expectedVersion: 1 })).code).toBe('FORBIDDEN')

    dataOf(await cloud.callAction(VICE, reviewActions.act, { requestId, decision: 'approve', expectedVersion: 1 }))
    const [stint] = await adminDb().find('memberships', { openid: 'seed-zhoujian', unionId: 'u-build' })
    expect(stint).toMatchObject({ status: 'expelled' })
    expect(stint.to).toBeInstanceOf(Date)
    expect(await adminDb().count('roles', { openid: 'seed-zhoujian', unionId: 'u-build' })).toBe(0)
    expect((await adminDb().find('member_profiles', { _id: 'seed-zhoujian' }))[0].currentMembershipId).toBeNull()
    expect(dataOf(await cloud.callAction('seed-zhoujian', membershipActions.myMembership, {})).current).toBeNull()
    const [told] = await adminDb().find('inbox', { openid: 'seed-zhoujian', requestId })
    expect(told).toMatchObject({ title: '会籍处理通知', body: '经北京某建筑工程有限公司工会审批，您的会籍已作除名处理。理由：连续六个月无正当理由未缴纳会费' })
    expect(Outbox.parse(await adminDb().find('outbox', { requestId })).map((o) => o.toOpenid).sort()).toEqual(['demo-chair', 'seed-zhoujian', VICE].sort())
    expect((await adminDb().find('union_history', { unionId: 'u-build', action: 'expel' })).length).toBe(1)
    const expelled = dataOf(await cloud.callAction('demo-chair', unionActions.roster, { unionId: 'u-build', status: 'expelled' })).rows
    expect(expelled.map((r) => [r.name, r.statusLabel])).toEqual([['周健', '除名']])
    expect(errorOf(await propose('demo-chair')).code).toBe('CONFLICT')
  })

  it('goes up a level, kind by kind, when nobody at the union decides that kind', async () => {
    const office = dataOf(await cloud.callAction('demo-staff', unionActions.getOffice, { unionId: 'u-build' }))
    const chair = office.officers.find((o) => o.role === 'chair')
    if (!chair) throw new Error('no chair')
    const after = dataOf(await cloud.callAction('demo-staff', unionActions.removeOfficer, { unionId: 'u-build', officerId: chair.officerId, reason: '任期届满' }))
    const above = after.kinds.filter((k) => k.decidedAbove).map((k) => k.kind)
    expect(above).toContain('membership.join')
    expect(above).not.toContain('membership.expel')
    expect(after.kinds.map((k) => k.kind)).not.toContain('union.founding')
    // the waiting 入会申请 now goes to the street, which says so on the request
    const join = (await adminDb().find('requests', { kind: 'membership.join', reviewUnionId: 'u-build', closedAt: null }))[0]
    const detail = dataOf(await cloud.callAction('demo-staff', reviewActions.getRequest, { requestId: String(join._id) }))
    expect(detail.escalation).toMatch(/由上级工会审核/)
    expect(detail.viewer.canAct).toBe(true)
    // a kind nobody may be named for is refused by name
    const vice = after.officers.find((o) => o.role === 'vice_chair')
    if (!vice) throw new Error('no vice-chair')
    expect(errorOf(await cloud.callAction('demo-staff', unionActions.setApprover, { unionId: 'u-build', officerId: vice.officerId, kinds: ['union.founding'] }))).toMatchObject({ code: 'INVALID_INPUT', fields: { 'kinds.0': '本工会不审批这类申请' } })
    for (const openid of [VICE, COMMITTEE, 'demo-worker', 'nobody']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.setApprover, { unionId: 'u-build', officerId: vice.officerId, kinds: [] })).code).toBe('FORBIDDEN')
    }
  })
})
