import { z } from 'zod'
import { stintClosed } from '../stats/tally'
import { AppError } from '../../shared/contract'
import { MemberProfileRecord, MembershipRecord } from '../../shared/membership/records'
import type { RequestDoc } from '../../shared/requests/schemas'
import { findById } from '../db'
import { deliverPending, enqueue } from '../notify'
import { registerKind, reviewStep } from '../requests/registry'
import { txGet, txRemove, txUpdate, type Transaction } from '../requests/tx'
import { addUnionHistory } from './history'

export const EXPULSIONS = 'union_expulsions'
export const EXPEL_KIND = 'membership.expel'
/** The page the member's message opens: her membership, now showing 已除名. */
export const MEMBER_STATUS_PAGE = 'packages/membership/status/index'

/** `union_expulsions`: what a 除名 request is about. The request carries its status; this, whom and why. */
export const ExpulsionRecord = z.object({
  _id: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  memberNo: z.string(),
  stintId: z.string(),
  /** whose membership it is: server-only */
  openid: z.string(),
  maskedName: z.string(),
  reason: z.string(),
  /** she was 拟除名 (six months unpaid without an exemption) when the chair proposed it */
  arrears: z.boolean(),
  outcome: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  /** the member's message, pushed right after the approval commits */
  outboxId: z.string().optional(),
})
export type ExpulsionRecord = z.infer<typeof ExpulsionRecord>

async function readExpulsion(tx: Transaction, request: RequestDoc): Promise<ExpulsionRecord> {
  const raw = await txGet(tx, EXPULSIONS, request.subjectRef.id)
  if (raw === null) throw new Error(`expulsion ${request.subjectRef.id} of request ${request._id} is missing`)
  return ExpulsionRecord.parse(raw)
}

/**
 * 除名 (《工会会员会籍管理办法》: a member who, without good cause, has not paid dues for six months
 * or more, and will not after being urged, may be removed): the chair proposes it with a reason, the
 * union's approver for 除名 — someone other than the chair who proposed it — decides, or the federation
 * above when nobody else at the union may (server/requests/people.ts). On approval, in one transaction:
 * the stint becomes 已除名 with its end, the member grant goes, the profile no longer points at it, the
 * union's history has the line, and the member is told in 我的消息 and by subscribe message.
 */
export const expulsionKind = registerKind({
  kind: EXPEL_KIND,
  label: '除名',
  batchApprove: false,
  async chain(target) {
    return [reviewStep(target, '工会审批')]
  },
  async describe(request, ctx) {
    const e = await findById(ctx.db.collection(EXPULSIONS), request.subjectRef.id, ExpulsionRecord)
    if (!e) return [{ label: '申请内容', value: '（内容已不存在）' }]
    return [
      { label: '会员', value: e.maskedName },
      { label: '会员编号', value: e.memberNo },
      { label: '所在工会', value: e.unionName },
      { label: '除名理由', value: e.reason },
      { label: '会费情况', value: e.arrears ? '连续六个月以上未缴会费，且未获免缴' : '未达到连续六个月未缴会费' },
    ]
  },
  async onApproved(tx, request, ctx) {
    const e = await readExpulsion(tx, request)
    const rawStint = await txGet(tx, 'memberships', e.stintId)
    const stint = rawStint === null ? null : MembershipRecord.parse(rawStint)
    if (!stint || (stint.status !== 'active' && stint.status !== 'retained')) throw new AppError('CONFLICT', '这位会员的会籍已经变化（转出、退会或已除名），不能再除名，请驳回这份申请')
    const rawProfile = await txGet(tx, 'member_profiles', e.openid)
    const profile = rawProfile === null ? null : MemberProfileRecord.parse(rawProfile)
    if (profile?.openRequest) throw new AppError('CONFLICT', '这位会员有一份转会申请正在办理，请等它处理完再决定除名')
    await txUpdate(tx, 'memberships', stint._id, { status: 'expelled', retainReason: null, to: ctx.now, updatedAt: ctx.now })
    await stintClosed(ctx, tx, stint, 'expelled', ctx.now, profile?.gender ?? null)
    await txRemove(tx, 'roles', stint.roleId)
    if (profile && profile.currentMembershipId === stint._id) await txUpdate(tx, 'member_profiles', profile._id, { currentMembershipId: null, updatedAt: ctx.now })
    const outboxId = await tellMember(tx, request, e, ctx.now)
    await txUpdate(tx, EXPULSIONS, e._id, { outcome: 'approved', decidedAt: ctx.now, outboxId })
    await addUnionHistory(tx, {
      unionId: e.unionId,
      unionPath: e.unionPath,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'expel',
      role: null,
      subjectOpenid: e.openid,
      note: `会员${e.memberNo}除名：${e.reason}`,
    })
  },
  async onRejected(tx, request, ctx) {
    await txUpdate(tx, EXPULSIONS, request.subjectRef.id, { outcome: 'rejected', decidedAt: ctx.now })
  },
  async onTransition(tx, request, change, ctx) {
    if (change.event.type === 'withdraw') await txUpdate(tx, EXPULSIONS, request.subjectRef.id, { outcome: 'withdrawn', decidedAt: ctx.now })
  },
  async afterTransition(request, ctx) {
    if (request.status !== 'approved') return
    const e = await findById(ctx.db.collection(EXPULSIONS), request.subjectRef.id, ExpulsionRecord)
    // best effort like every decision's message: the inbox has it already and the notify timer retries
    if (e?.outboxId) await deliverPending(ctx, { ids: [e.outboxId] })
  },
})

/** The member hears it from the union, like every decision: the reason stays inside the app. */
async function tellMember(tx: Transaction, request: RequestDoc, e: ExpulsionRecord, at: Date): Promise<string> {
  const { outboxId } = await enqueue(tx, {
    toOpenid: e.openid,
    template: 'reviewResult',
    page: MEMBER_STATUS_PAGE,
    data: { kind: '会籍处理', result: '已完成', remark: '详情请在小程序中查看', decidedAt: at },
    title: '会籍处理通知',
    body: `经${e.unionName}审批，您的会籍已作除名处理。理由：${e.reason}`,
    requestId: request._id,
    at,
  })
  return outboxId
}
