import { z } from 'zod'
import { role } from '../helpers/roles'
import { seed as coreSeed } from '../../local-cloud/seed/core'
import { reviewActions } from '../../shared/requests/actions'
import type { MatterCategory } from '../../shared/requests/matter'
import type { RequestDoc, Step } from '../../shared/requests/schemas'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { sealSensitive } from '../../server/privacy/crypto'
import { dataOf, errorOf } from '../helpers/envelopes'

// the machine may be busy: size waits to the work, not to an idle laptop
jest.setTimeout(60_000)

let cloud: TestCloud

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const TECH_PATH = ['u-district', 'u-street-wangjing', 'u-tech']
const user = (openid: string, nickName: string) => ({ _id: openid, openid, nickName, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z') })

/** Who plays what, besides the demo personas: a member applying at 建筑公司, its vice-chair, another union's chair, a sibling federation's staff, a stranger. */
const P = {
  applicant: 'rv-zhao',
  otherApplicant: 'rv-sun',
  chair: 'demo-chair',
  vice: 'rv-vice',
  techChair: 'rv-tech-chair',
  staff: 'demo-staff',
  gigStaff: 'rv-gig-staff',
  worker: 'demo-worker',
  outsider: 'rv-outsider',
}

beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.db.seed(coreSeed)
  await cloud.db.seed({
    roles: [
      role(P.applicant, 'u-build', 'member', BUILD_PATH),
      role(P.otherApplicant, 'u-build', 'member', BUILD_PATH),
      role(P.vice, 'u-build', 'vice_chair', BUILD_PATH),
      role(P.techChair, 'u-tech', 'chair', TECH_PATH),
      role(P.gigStaff, 'u-street-gig', 'staff', ['u-district', 'u-street-gig']),
    ],
    users: [user(P.applicant, '赵建军'), user(P.otherApplicant, '孙丽'), user(P.vice, '刘副主席'), user(P.techChair, '钱主席')],
    notify_config: [{ _id: 'templates', ids: { reviewTodo: 'tpl-review-todo', reviewResult: 'tpl-review-result' } }],
    subscriptions: [P.chair, P.applicant, P.staff].flatMap((openid) =>
      (['reviewTodo', 'reviewResult'] as const).map((template) => ({ _id: `${openid}:${template}`, openid, template, balance: 100, lastChoice: 'accept', updatedAt: new Date() })),
    ),
  })
})
afterAll(() => cloud.cleanup())


const submit = (openid: string, category: MatterCategory = 'certificate', unionId = 'u-build') =>
  cloud.callAction(openid, reviewActions.submitMatter, { unionId, category, title: '开具在职会员证明', detail: '办理居住证需要工会出具会员证明' })
const submitted = async (openid = P.applicant, category: MatterCategory = 'certificate') => dataOf(await submit(openid, category)).request
const detail = (openid: string, requestId: string) => cloud.callAction(openid, reviewActions.getRequest, { requestId })
const act = (openid: string, requestId: string, decision: 'approve' | 'reject' | 'return', expectedVersion: number, reason?: string) =>
  cloud.callAction(
    openid,
    reviewActions.act,
    decision === 'approve' ? { requestId, decision, expectedVersion, ...(reason === undefined ? {} : { reason }) } : { requestId, decision, expectedVersion, reason: reason ?? '' },
  )
const pending = (openid: string, input: { kind?: string; cursor?: string; limit?: number } = {}) => cloud.callAction(openid, reviewActions.listPending, input)
const pendingIds = async (openid: string) => dataOf(await pending(openid, { limit: 50 })).items.map((i) => i.id)

const HistoryRow = z.object({ action: z.string(), actorName: z.string(), actorRole: z.string(), fromStatus: z.string(), toStatus: z.string(), step: z.number(), reason: z.string() })
const historyOf = async (requestId: string) => {
  const rows = z.array(HistoryRow.extend({ at: z.date(), _id: z.string() })).parse(await adminDb().find('request_history', { requestId }))
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : 1)).map(({ at: _at, _id, ...rest }) => rest)
}
const storedRequest = async (id: string) => {
  const [doc] = await adminDb().find('requests', { _id: id })
  return z.object({ status: z.string(), step: z.number(), version: z.number(), overdue: z.boolean(), reviewUnionId: z.string() }).parse(doc)
}
const messagesTo = (openid: string, requestId: string) =>
  cloud.outbox.list().filter((m) => m.touser === openid && typeof m.page === 'string' && m.page.endsWith(`id=${requestId}`))

describe('submit → approve with the 事项申请 kind', () => {
  it('reaches the chair with a message that opens it, and the applicant hears the outcome', async () => {
    const request = await submitted()
    expect(request).toMatchObject({ kind: 'general.matter', kindLabel: '事项申请', status: 'submitted', statusLabel: '待审核', step: 0, version: 1, applicantName: '赵*军', unionName: '北京某建筑工程有限公司工会' })

    const todo = messagesTo(P.chair, request.id)
    expect(todo).toHaveLength(1)
    expect(todo[0]).toMatchObject({ templateId: 'tpl-review-todo', page: `packages/review/detail?id=${request.id}` })
    expect(todo[0].data).toMatchObject({ thing1: { value: '事项申请' }, name2: { value: '赵*军' }, phrase4: { value: '待审批' } })
    expect(await adminDb().count('inbox', { openid: P.chair, requestId: request.id })).toBe(1)

    const list = dataOf(await pending(P.chair))
    expect(list.items.map((i) => i.id)).toContain(request.id)
    expect(list.items.find((i) => i.id === request.id)).toMatchObject({ canAct: true, canBatch: true, overdue: false })
    expect(list.counts.find((c) => c.kind === 'general.matter')?.label).toBe('事项申请')

    const seen = dataOf(await detail(P.chair, request.id))
    expect(seen.fields).toEqual([
      { label: '申请事项', value: '开具会员证明' },
      { label: '事由', value: '开具在职会员证明' },
      { label: '具体情况', value: '办理居住证需要工会出具会员证明' },
    ])
    expect(seen.viewer).toMatchObject({ isReviewer: true, canAct: true, isApplicant: false })

    const done = dataOf(await act(P.chair, request.id, 'approve', 1, '同意'))
    expect(done.request).toMatchObject({ status: 'approved', statusLabel: '已通过', version: 2, canAct: false })

    const result = messagesTo(P.applicant, request.id)
    expect(result).toHaveLength(1)
    expect(result[0]).toMatchObject({ templateId: 'tpl-review-result' })
    expect(result[0].data).toMatchObject({ thing1: { value: '事项申请' }, phrase2: { value: '已通过' } })

    expect(await historyOf(request.id)).toEqual([
      { action: 'submit', actorName: '赵*军', actorRole: 'applicant', fromStatus: 'draft', toStatus: 'submitted', step: 0, reason: '' },
      { action: 'approve', actorName: '张建国', actorRole: 'chair', fromStatus: 'submitted', toStatus: 'approved', step: 0, reason: '同意' },
    ])
    const [matter] = await adminDb().find('matters', { requestId: request.id })
    expect(matter).toMatchObject({ outcome: 'approved' })
    expect(await pendingIds(P.chair)).not.toContain(request.id)

    const mine = dataOf(await detail(P.applicant, request.id))
    expect(mine.history.map((h) => [h.actionLabel, h.actorRoleLabel])).toEqual([
      ['提交申请', '申请人'],
      ['审核通过', '工会主席'],
    ])
    expect(mine.chain).toEqual([{ label: '基层工会审核', unionName: '北京某建筑工程有限公司工会', state: 'done' }])
  })
})

describe('return for changes → resubmit', () => {
  it('goes back to the applicant with the reason, then to the first desk again', async () => {
    const request = await submitted()
    const returned = dataOf(await act(P.chair, request.id, 'return', 1, '请写明证明的用途和份数'))
    expect(returned.request).toMatchObject({ status: 'returned', lastReason: '请写明证明的用途和份数', version: 2 })
    expect(await pendingIds(P.chair)).not.toContain(request.id)
    expect(messagesTo(P.applicant, request.id).map((m) => m.data.phrase2)).toEqual([{ value: '已退回' }])

    const applicantView = dataOf(await detail(P.applicant, request.id))
    expect(applicantView.viewer).toMatchObject({ isApplicant: true, canResubmit: true, canAct: false })

    expect(errorOf(await cloud.callAction(P.applicant, reviewActions.resubmit, { requestId: request.id, expectedVersion: 1 })).code).toBe('CONFLICT')
    const again = dataOf(await cloud.callAction(P.applicant, reviewActions.resubmit, { requestId: request.id, expectedVersion: 2 }))
    expect(again.request).toMatchObject({ status: 'submitted', step: 0, version: 3, lastReason: '' })
    expect(await pendingIds(P.chair)).toContain(request.id)
    expect(messagesTo(P.chair, request.id)).toHaveLength(2)

    expect((await historyOf(request.id)).map((h) => [h.action, h.toStatus, h.reason])).toEqual([
      ['submit', 'submitted', ''],
      ['return', 'returned', '请写明证明的用途和份数'],
      ['resubmit', 'submitted', ''],
    ])
  })
})

describe('reject', () => {
  it('requires a reason (per-field Chinese message, nothing changes), then rejects and closes', async () => {
    const request = await submitted()
    const missing = errorOf(await cloud.callAs(P.chair, 'review', 'act', { requestId: request.id, decision: 'reject', expectedVersion: 1 }))
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', fields: { reason: '请填写驳回原因' } })
    const blank = errorOf(await act(P.chair, request.id, 'reject', 1, '   '))
    expect(blank).toMatchObject({ code: 'INVALID_INPUT', fields: { reason: '请填写驳回原因' } })
    expect(await storedRequest(request.id)).toMatchObject({ status: 'submitted', version: 1 })
    expect(await historyOf(request.id)).toHaveLength(1)

    const rejected = dataOf(await act(P.chair, request.id, 'reject', 1, '您的会籍尚在转入中，暂不能开具'))
    expect(rejected.request).toMatchObject({ status: 'rejected', statusLabel: '未通过' })
    const [matter] = await adminDb().find('matters', { requestId: request.id })
    expect(matter).toMatchObject({ outcome: 'rejected' })
    expect(errorOf(await act(P.chair, request.id, 'approve', 2)).code).toBe('CONFLICT')
    // the reason stays in the app: the pushed message only says what happened
    const told = messagesTo(P.applicant, request.id)
    expect(told).toHaveLength(1)
    expect(JSON.stringify(told[0].data)).not.toContain('会籍尚在转入中')
  })
})

describe('who may act', () => {
  it('refuses every wrong role and leaves the request untouched', async () => {
    const request = await submitted()
    for (const openid of [P.techChair, P.worker, P.outsider, P.gigStaff, P.vice, P.applicant]) {
      const refused = errorOf(await act(openid, request.id, 'approve', 1))
      expect([openid, refused.code]).toEqual([openid, 'FORBIDDEN'])
      expect(refused.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    for (const openid of [P.techChair, P.worker, P.outsider, P.gigStaff]) {
      expect([openid, errorOf(await detail(openid, request.id)).code]).toEqual([openid, 'FORBIDDEN'])
    }
    for (const openid of [P.worker, P.outsider, P.vice]) {
      expect([openid, errorOf(await pending(openid)).code]).toEqual([openid, 'FORBIDDEN'])
    }
    expect(await pendingIds(P.techChair)).not.toContain(request.id)
    expect(await pendingIds(P.gigStaff)).not.toContain(request.id)
    expect(await storedRequest(request.id)).toMatchObject({ status: 'submitted', version: 1 })
    expect(await historyOf(request.id)).toHaveLength(1)
  })

  it('lets the street federation’s staff act on a request in its subtree', async () => {
    const request = await submitted()
    expect(await pendingIds(P.staff)).toContain(request.id)
    const done = dataOf(await act(P.staff, request.id, 'approve', 1))
    expect(done.request.status).toBe('approved')
    expect((await historyOf(request.id))[1]).toMatchObject({ action: 'approve', actorName: '陈静', actorRole: 'staff' })
  })

  it('a vice-chair reviews once the chair designates them, and stops when undesignated', async () => {
    const listed = dataOf(await cloud.callAction(P.chair, reviewActions.listApprovers, {}))
    const vice = listed.unions.find((u) => u.unionId === 'u-build')?.viceChairs.find((v) => v.name === '刘副主席')
    expect(vice).toMatchObject({ approver: false })
    if (!vice) throw new Error('vice-chair not listed')

    expect(errorOf(await cloud.callAction(P.techChair, reviewActions.setApprover, { roleId: vice.roleId, approver: true })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction(P.vice, reviewActions.setApprover, { roleId: vice.roleId, approver: true })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction(P.chair, reviewActions.setApprover, { roleId: `r-${P.applicant}-u-build-member`, approver: true })).code).toBe('INVALID_INPUT')

    dataOf(await cloud.callAction(P.chair, reviewActions.setApprover, { roleId: vice.roleId, approver: true }))
    const request = await submitted()
    expect(await pendingIds(P.vice)).toContain(request.id)
    expect(dataOf(await act(P.vice, request.id, 'approve', 1)).request.status).toBe('approved')
    expect((await historyOf(request.id))[1]).toMatchObject({ actorName: '刘副主席', actorRole: 'vice_chair' })

    dataOf(await cloud.callAction(P.chair, reviewActions.setApprover, { roleId: vice.roleId, approver: false }))
    const next = await submitted()
    expect(errorOf(await act(P.vice, next.id, 'approve', 1)).code).toBe('FORBIDDEN')
  })
})

describe('a two-desk chain (法律援助: grassroots union, then the street federation)', () => {
  it('moves desk by desk, and each desk acts only at its own step', async () => {
    const request = await submitted(P.applicant, 'legalAid')
    const first = dataOf(await act(P.chair, request.id, 'approve', 1))
    expect(first.request).toMatchObject({ status: 'in_review', step: 1, stepLabel: '法律援助审批', version: 2 })
    expect(messagesTo(P.applicant, request.id)).toHaveLength(0)
    expect(messagesTo(P.staff, request.id)).toHaveLength(1)
    expect(await pendingIds(P.chair)).not.toContain(request.id)
    expect(await pendingIds(P.staff)).toContain(request.id)
    const notYours = errorOf(await act(P.chair, request.id, 'approve', 2))
    expect(notYours).toMatchObject({ code: 'FORBIDDEN', message: '这一步由望京街道工会联合会审核，您不能处理' })
    // the first desk still follows the case it passed on
    expect(dataOf(await detail(P.chair, request.id)).chain.map((s) => s.state)).toEqual(['done', 'current'])

    dataOf(await act(P.staff, request.id, 'approve', 2))
    expect((await historyOf(request.id)).map((h) => [h.action, h.step, h.toStatus, h.actorRole])).toEqual([
      ['submit', 0, 'submitted', 'applicant'],
      ['approve', 0, 'in_review', 'chair'],
      ['approve', 1, 'approved', 'staff'],
    ])
  })
})

describe('concurrent approvals', () => {
  it('20 simultaneous approvals of one request make exactly one approval; the rest are CONFLICT', async () => {
    const vice = dataOf(await cloud.callAction(P.chair, reviewActions.listApprovers, {})).unions[0].viceChairs[0]
    dataOf(await cloud.callAction(P.chair, reviewActions.setApprover, { roleId: vice.roleId, approver: true }))
    const request = await submitted()
    const reviewers = [P.chair, P.vice, P.staff]
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => act(reviewers[i % 3], request.id, 'approve', 1)))
    const outcomes = answers.map((a) => (a.ok ? 'approved' : a.error.code)).sort()
    expect(outcomes).toEqual([...Array(19).fill('CONFLICT'), 'approved'])
    expect(await storedRequest(request.id)).toMatchObject({ status: 'approved', version: 2 })
    expect((await historyOf(request.id)).filter((h) => h.action === 'approve')).toHaveLength(1)
    expect(await adminDb().count('outbox', { requestId: request.id, toOpenid: P.applicant })).toBe(1)
    dataOf(await cloud.callAction(P.chair, reviewActions.setApprover, { roleId: vice.roleId, approver: false }))
  })
})

describe('batch approval', () => {
  it('approves each item on its own and reports a stale one without undoing the others', async () => {
    const a = await submitted(P.otherApplicant)
    const b = await submitted(P.otherApplicant)
    const c = await submitted(P.otherApplicant)
    dataOf(await act(P.staff, b.id, 'approve', 1))
    const out = dataOf(
      await cloud.callAction(P.chair, reviewActions.batchApprove, {
        items: [a, b, c].map((r) => ({ requestId: r.id, expectedVersion: r.version })),
      }),
    )
    expect(out).toMatchObject({ approved: 2, failed: 1 })
    expect(out.results.map((r) => [r.requestId, r.ok ? r.status : r.code])).toEqual([
      [a.id, 'approved'],
      [b.id, 'CONFLICT'],
      [c.id, 'approved'],
    ])
    expect(errorOf(await cloud.callAction(P.chair, reviewActions.batchApprove, { items: [] })).code).toBe('INVALID_INPUT')
  })
})

describe('pending list paging', () => {
  it('pages oldest first with a range cursor, each item once, with counts for the whole list', async () => {
    const made = [] as string[]
    for (let i = 0; i < 5; i++) made.push((await submitted(P.otherApplicant)).id)
    const all = await pendingIds(P.chair)
    const seen: string[] = []
    let cursor: string | undefined
    for (let n = 0; n < 20; n++) {
      const page = dataOf(await pending(P.chair, { limit: 2, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(2)
      expect(page.total).toBe(all.length)
      seen.push(...page.items.map((i) => i.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual(all)
    expect(seen.slice(-5)).toEqual(made)
    expect(errorOf(await pending(P.chair, { limit: 51 })).fields).toHaveProperty('limit')
    expect(dataOf(await pending(P.chair, { kind: 'membership.join' })).items).toEqual([])
  })
})

describe('the applicant’s own requests', () => {
  it('shows only the caller’s requests, newest first, and lets them withdraw a pending one', async () => {
    const request = await submitted(P.otherApplicant)
    const mine = dataOf(await cloud.callAction(P.otherApplicant, reviewActions.myRequests, {}))
    expect(mine.items[0].id).toBe(request.id)
    // her own name in full on her own requests (everyone else sees 孙*)
    expect(mine.items.every((i) => i.applicantName === '孙丽')).toBe(true)
    expect(dataOf(await cloud.callAction(P.outsider, reviewActions.myRequests, {})).items).toEqual([])

    expect(errorOf(await cloud.callAction(P.applicant, reviewActions.withdraw, { requestId: request.id, expectedVersion: 1 })).code).toBe('FORBIDDEN')
    const gone = dataOf(await cloud.callAction(P.otherApplicant, reviewActions.withdraw, { requestId: request.id, expectedVersion: 1 }))
    expect(gone.request.status).toBe('withdrawn')
    expect(errorOf(await act(P.chair, request.id, 'approve', 2)).code).toBe('CONFLICT')
    expect(await pendingIds(P.chair)).not.toContain(request.id)
  })

  it('refuses a 事项申请 from someone who is not a member of that union, storing nothing', async () => {
    const before = await adminDb().count('requests', {})
    expect(errorOf(await submit(P.outsider)).code).toBe('FORBIDDEN')
    expect(errorOf(await submit(P.worker)).code).toBe('FORBIDDEN')
    const bad = errorOf(await cloud.callAs(P.applicant, 'review', 'submitMatter', { unionId: 'u-build', category: 'party', title: '', detail: '' }))
    expect(bad.code).toBe('INVALID_INPUT')
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['category', 'detail', 'title'])
    expect(await adminDb().count('requests', {})).toBe(before)
  })
})

describe('overdue reminders (timer)', () => {
  const step: Step = { unionId: 'u-tech', unionPath: TECH_PATH, unionName: '北京某科技有限公司工会', roles: ['chair', 'vice_chair'], label: '基层工会审核' }
  const stale = (id: string, dueAt: Date): RequestDoc => ({
    _id: id,
    kind: 'general.matter',
    applicantOpenid: P.worker,
    applicantName: '王*',
    unionId: 'u-tech',
    unionPath: TECH_PATH,
    status: 'submitted',
    step: 0,
    chain: [step],
    reviewUnionId: 'u-tech',
    reviewUnionPath: TECH_PATH,
    summary: { title: '开具会员证明', subtitle: '' },
    subjectRef: { collection: 'matters', id: `${id}-m` },
    submittedAt: new Date(dueAt.getTime() - 7 * 86_400_000),
    updatedAt: new Date(dueAt.getTime() - 7 * 86_400_000),
    dueAt,
    overdue: false,
    version: 1,
    closedAt: null,
    lastReason: '',
    exclusiveKey: '',
  })

  it('marks an item past its working-day deadline overdue once and reminds its approver once', async () => {
    await cloud.db.seed({ requests: [stale('rv-overdue', new Date(Date.now() - 3_600_000)), stale('rv-not-yet', new Date(Date.now() + 86_400_000))] })
    const first = await cloud.invokeTimer('review', 'overdueReminders')
    expect(first).toMatchObject({ ok: true, data: { marked: 1, reminders: 1 } })
    const second = await cloud.invokeTimer('review', 'overdueReminders')
    expect(second).toMatchObject({ ok: true, data: { marked: 0, reminders: 0 } })

    expect(await storedRequest('rv-overdue')).toMatchObject({ overdue: true, version: 1, status: 'submitted' })
    expect(await storedRequest('rv-not-yet')).toMatchObject({ overdue: false })
    expect((await historyOf('rv-overdue')).map((h) => [h.action, h.actorRole])).toEqual([['overdue', 'system']])
    const inbox = await adminDb().find('inbox', { openid: P.techChair, requestId: 'rv-overdue' })
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ title: '待办已超期', page: 'packages/review/detail?id=rv-overdue' })
    expect(await adminDb().count('inbox', { requestId: 'rv-not-yet' })).toBe(0)

    const list = dataOf(await pending(P.techChair))
    expect(list.items.find((i) => i.id === 'rv-overdue')).toMatchObject({ overdue: true })
    expect(list.overdueTotal).toBe(1)
  })
})

describe('the audited full view of a sensitive value', () => {
  it('opens it for a reviewer with an audit entry, and for nobody else', async () => {
    process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
    process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY
    const idNumber = '11010519491231002X'
    const request = await submitted()
    const [matter] = z.array(z.object({ _id: z.string() })).parse(await adminDb().find('matters', { requestId: request.id }))
    await adminDb().db.collection('matters').doc(matter._id).update({ data: { idNumber: sealSensitive(idNumber, 'idNumber') } })

    for (const openid of [P.applicant, P.worker, P.techChair]) {
      expect([openid, errorOf(await cloud.callAction(openid, reviewActions.revealSensitive, { requestId: request.id, field: 'idNumber' })).code]).toEqual([openid, 'FORBIDDEN'])
    }
    expect(await adminDb().count('audit_log', { requestId: request.id })).toBe(0)

    const shown = dataOf(await cloud.callAction(P.chair, reviewActions.revealSensitive, { requestId: request.id, field: 'idNumber' }))
    expect(shown.value).toBe(idNumber)
    expect(shown.notice).toContain('已记录')
    const audit = await adminDb().find('audit_log', { requestId: request.id })
    expect(audit).toEqual([expect.objectContaining({ actorOpenid: P.chair, action: 'reveal_field', field: 'idNumber', subjectCollection: 'matters' })])
    expect(JSON.stringify(dataOf(await detail(P.chair, request.id)))).not.toContain(idNumber)
  })
})

describe('a request shared to the chair in chat', () => {
  it('the card’s path grants nothing: the chair decides from it, anyone else learns only that it exists', async () => {
    const request = await submitted()
    // what the share card carries: the page and the request id, nothing else
    const card = `packages/review/detail?id=${request.id}`
    const idFromCard = new URLSearchParams(card.split('?')[1]).get('id') ?? ''

    const chairView = dataOf(await detail(P.chair, idFromCard))
    expect(chairView.viewer).toMatchObject({ isReviewer: true, canAct: true })
    expect(chairView.subject).toEqual({ id: expect.any(String), page: null })

    // a co-worker in the same union, a member elsewhere, another union's chair, a stranger
    for (const openid of [P.otherApplicant, P.worker, P.techChair, P.outsider]) {
      const answer = await detail(openid, idFromCard)
      expect([openid, errorOf(answer).code]).toEqual([openid, 'FORBIDDEN'])
      const text = JSON.stringify(answer)
      for (const secret of ['开具在职会员证明', '居住证', '赵', request.kindLabel]) expect([openid, text.includes(secret)]).toEqual([openid, false])
      expect(errorOf(await act(openid, idFromCard, 'approve', chairView.request.version)).code).toBe('FORBIDDEN')
    }
    // having opened it makes nobody a reviewer
    expect(dataOf(await cloud.callAction(P.worker, reviewActions.pendingCount, {}))).toEqual({ total: 0, overdue: 0 })
    // a made-up reference is answered differently from a real one: only existence is told
    expect(errorOf(await detail(P.worker, 'no-such-request')).code).toBe('NOT_FOUND')

    expect(dataOf(await act(P.chair, idFromCard, 'approve', chairView.request.version)).request.status).toBe('approved')
  })
})

describe('pending counts for the 待办 tile and the tab bar', () => {
  it('count what waits for the caller, overdue included, as the 待办 list does; 0 for someone who reviews nothing', async () => {
    const count = async (openid: string) => dataOf(await cloud.callAction(openid, reviewActions.pendingCount, {}))
    const before = await count(P.chair)
    const list = dataOf(await pending(P.chair, { limit: 50 }))
    expect(before).toEqual({ total: list.total, overdue: list.overdueTotal })

    const request = await submitted()
    expect(await count(P.chair)).toEqual({ total: before.total + 1, overdue: before.overdue })
    await adminDb().db.collection('requests').doc(request.id).update({ data: { overdue: true } })
    expect(await count(P.chair)).toEqual({ total: before.total + 1, overdue: before.overdue + 1 })
    // the street federation's staff see it in their subtree; the applicant and strangers review nothing
    expect((await count(P.staff)).total).toBeGreaterThanOrEqual(1)
    for (const openid of [P.applicant, P.outsider]) expect([openid, await count(openid)]).toEqual([openid, { total: 0, overdue: 0 }])
  })
})
