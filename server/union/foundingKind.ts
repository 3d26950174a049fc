import { z } from 'zod'
import { formatDate } from '../../shared/date'
import { UnionRecord, type RoleRecord } from '../../shared/domain/union'
import type { RequestDoc } from '../../shared/requests/schemas'
import { UnionRegistration } from '../../shared/union/admin'
import { findById, withoutId } from '../db'
import { registerKind, reviewStep } from '../requests/registry'
import { txGet, txSet, txUpdate, type Transaction } from '../requests/tx'
import { roleIdFor } from '../privacy/opaqueIds'
import { addUnionHistory } from './history'
import { grassrootsUnion } from './register'
import { unionFounded } from '../stats/tally'

export const FOUNDINGS = 'union_foundings'
export const FOUNDING_KIND = 'union.founding'

/** `union_foundings`: what a 建会申请 asks for; the union's id and invite code are chosen at submit time. */
export const FoundingRecord = UnionRegistration.extend({
  _id: z.string(),
  openid: z.string(),
  parentId: z.string(),
  meeting: z.object({ heldOn: z.date(), place: z.string(), attendees: z.number(), founders: z.number(), chairName: z.string() }),
  unionId: z.string(),
  inviteCode: z.string(),
  outcome: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.date(),
})
export type FoundingRecord = z.infer<typeof FoundingRecord>

async function readFounding(tx: Transaction, request: RequestDoc): Promise<FoundingRecord> {
  const raw = await txGet(tx, FOUNDINGS, request.subjectRef.id)
  if (raw === null) throw new Error(`founding ${request.subjectRef.id} of request ${request._id} is missing`)
  return FoundingRecord.parse(raw)
}

/**
 * 建会申请: a workplace that held its founding meeting asks the federation of its 属地 to approve.
 * On approval, in the same transaction: the union under that federation, the applicant (elected at the
 * meeting) as its chair, and the history lines. Staff of the federation decide.
 */
export const foundingKind = registerKind({
  kind: FOUNDING_KIND,
  label: '建会申请',
  async chain(target) {
    return [reviewStep(target, '上级工会审批', ['staff'])]
  },
  async describe(request, ctx) {
    const f = await findById(ctx.db.collection(FOUNDINGS), request.subjectRef.id, FoundingRecord)
    if (!f) return [{ label: '申请内容', value: '（申请内容已不存在）' }]
    return [
      { label: '工会名称', value: f.name },
      { label: '单位名称', value: f.employer },
      { label: '统一社会信用代码', value: f.creditCode },
      { label: '单位地址', value: f.address },
      { label: '属地', value: f.region },
      { label: '所属行业', value: f.industry },
      { label: '职工人数', value: `${f.employeeCount}人` },
      { label: '成立大会', value: `${formatDate(f.meeting.heldOn)}，${f.meeting.place}，到会${f.meeting.attendees}人` },
      { label: '入会人数', value: `${f.meeting.founders}人` },
      { label: '当选主席', value: f.meeting.chairName },
    ]
  },
  async onApproved(tx, request, ctx) {
    const f = await readFounding(tx, request)
    const parent = UnionRecord.parse(await txGet(tx, 'unions', f.parentId))
    const union = grassrootsUnion(f.unionId, parent, f, f.inviteCode, ctx.now)
    await txSet(tx, 'unions', union._id, withoutId(union))
    await unionFounded(ctx, tx, union, ctx.now)
    const chair: RoleRecord = { _id: roleIdFor(f.openid, union._id, 'chair'), openid: f.openid, unionId: union._id, role: 'chair', unionPath: union.path, grantedAt: ctx.now, grantedBy: request._id }
    await txSet(tx, 'roles', chair._id, withoutId(chair))
    await txUpdate(tx, FOUNDINGS, f._id, { outcome: 'approved' })
    const line = { unionId: union._id, unionPath: union.path, at: ctx.now, actorOpenid: ctx.openid, subjectOpenid: null, role: null }
    await addUnionHistory(tx, { ...line, action: 'register', note: `${parent.name}批准建会申请：${f.employer}（${f.creditCode}）` })
    await addUnionHistory(tx, { ...line, action: 'appoint', role: 'chair', subjectOpenid: f.openid, note: `成立大会选举产生工会主席` })
  },
  async onRejected(tx, request) {
    await txUpdate(tx, FOUNDINGS, request.subjectRef.id, { outcome: 'rejected' })
  },
})
