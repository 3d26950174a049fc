import { z } from 'zod'
import { REASON_MAX, RequestStatus, isPending } from './state'
import { DescribedField, HistoryAction, type RequestDoc } from './schemas'
import { Cursor, KindKey, PageLimit, RequestItem } from './mine'

// Declared in ./mine (what the 首页 tab needs, in the main package); the rest of the request views stay in subpackages.
export { Cursor, KindKey, ListPendingInput, MyRequestsInput, MyRequestsOutput, PageLimit, PendingCountInput, PendingCountOutput, RequestItem } from './mine'

// ---- inputs -------------------------------------------------------------------------------

export const RequestId = z.string({ error: '申请编号不正确' }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '申请编号不正确')
export const ExpectedVersion = z.number({ error: '请刷新后再操作' }).int('请刷新后再操作').min(1, '请刷新后再操作')

export const OptionalNote = z
  .string()
  .trim()
  .max(REASON_MAX, `意见不能超过${REASON_MAX}个字`)
  .default('')

/** A reviewer's decision. Reject and return need a reason the applicant can act on. */
export const ActInput = z.discriminatedUnion(
  'decision',
  [
    z.object({ requestId: RequestId, decision: z.literal('approve'), reason: OptionalNote, expectedVersion: ExpectedVersion }),
    z.object({
      requestId: RequestId,
      decision: z.literal('reject'),
      reason: z.string({ error: '请填写驳回原因' }).trim().min(1, '请填写驳回原因').max(REASON_MAX, `原因不能超过${REASON_MAX}个字`),
      expectedVersion: ExpectedVersion,
    }),
    z.object({
      requestId: RequestId,
      decision: z.literal('return'),
      reason: z.string({ error: '请填写退回原因，告诉申请人需要修改什么' }).trim().min(1, '请填写退回原因，告诉申请人需要修改什么').max(REASON_MAX, `原因不能超过${REASON_MAX}个字`),
      expectedVersion: ExpectedVersion,
    }),
  ],
  { error: '请选择通过、驳回或退回' },
)
export type ActInput = z.infer<typeof ActInput>

export const BatchApproveInput = z.object({
  items: z
    .array(z.object({ requestId: RequestId, expectedVersion: ExpectedVersion }), { error: '请选择要批量通过的申请' })
    .min(1, '请选择要批量通过的申请')
    .max(50, '一次最多批量通过50条'),
  reason: OptionalNote,
})
export type BatchApproveInput = z.infer<typeof BatchApproveInput>

export const VersionedInput = z.object({ requestId: RequestId, expectedVersion: ExpectedVersion })
export const WithdrawInput = VersionedInput.extend({ reason: OptionalNote })
export const GetRequestInput = z.object({ requestId: RequestId })
export const RevealInput = z.object({
  requestId: RequestId,
  field: z.string({ error: '请选择要查看的内容' }).trim().regex(/^[A-Za-z0-9_.]{1,64}$/, '要查看的内容不正确'),
})
export const SetApproverInput = z.object({
  roleId: z.string({ error: '请选择副主席' }).trim().regex(/^[A-Za-z0-9_:-]{1,128}$/, '请选择副主席'),
  approver: z.boolean({ error: '请选择是否指定为审批人' }),
})
export const ListApproversInput = z.object({})

// ---- outputs ------------------------------------------------------------------------------

export const KindCount = z.object({ kind: z.string(), label: z.string(), count: z.number().int() })
export type KindCount = z.infer<typeof KindCount>

export const ListPendingOutput = z.object({
  items: z.array(RequestItem),
  /** pending per kind over everything the caller may review (not only this page) */
  counts: z.array(KindCount),
  total: z.number().int(),
  overdueTotal: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type ListPendingOutput = z.infer<typeof ListPendingOutput>


export const ChainStepState = z.enum(['done', 'current', 'waiting', 'stopped'])
export type ChainStepState = z.infer<typeof ChainStepState>
export const ChainStepView = z.object({ label: z.string(), unionName: z.string(), state: ChainStepState })
export type ChainStepView = z.infer<typeof ChainStepView>

export const HistoryView = z.object({
  id: z.string(),
  at: z.coerce.date(),
  action: HistoryAction,
  actionLabel: z.string(),
  actorName: z.string(),
  actorRoleLabel: z.string(),
  fromStatus: RequestStatus,
  toStatus: RequestStatus,
  step: z.number().int(),
  reason: z.string(),
  note: z.string(),
})
export type HistoryView = z.infer<typeof HistoryView>

export const RequestDetail = z.object({
  request: RequestItem,
  chain: z.array(ChainStepView),
  fields: z.array(DescribedField),
  history: z.array(HistoryView),
  /**
   * What the request is about: its record's id and the kind's own page for it (帮扶申请详情 with the
   * documents and the home visit, the event page…), so a reviewer who opened the request finds every step there.
   */
  subject: z.object({ id: z.string(), page: z.string().nullable() }),
  /** reviewers only: why the current step is decided by the union above (nobody at its own union may decide) */
  escalation: z.string().nullable(),
  viewer: z.object({
    isApplicant: z.boolean(),
    isReviewer: z.boolean(),
    canAct: z.boolean(),
    canWithdraw: z.boolean(),
    canResubmit: z.boolean(),
    /** why this reviewer may not decide this step (separation of duties), or null */
    recusal: z.string().nullable(),
  }),
})
export type RequestDetail = z.infer<typeof RequestDetail>

export const ActOutput = z.object({ request: RequestItem })
export type ActOutput = z.infer<typeof ActOutput>

export const BatchResult = z.discriminatedUnion('ok', [
  z.object({ requestId: z.string(), ok: z.literal(true), status: RequestStatus, statusLabel: z.string() }),
  z.object({ requestId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
])
export type BatchResult = z.infer<typeof BatchResult>
export const BatchApproveOutput = z.object({ results: z.array(BatchResult), approved: z.number().int(), failed: z.number().int() })
export type BatchApproveOutput = z.infer<typeof BatchApproveOutput>

export const RevealOutput = z.object({ value: z.string(), notice: z.string() })
export const SetApproverOutput = z.object({ roleId: z.string(), approver: z.boolean() })
export const ApproverView = z.object({ roleId: z.string(), name: z.string(), approver: z.boolean() })
export const ListApproversOutput = z.object({
  unions: z.array(z.object({ unionId: z.string(), unionName: z.string(), viceChairs: z.array(ApproverView) })),
})
export type ListApproversOutput = z.infer<typeof ListApproversOutput>

// ---- pure view helpers ----------------------------------------------------------------------

/** Each desk of the chain as the applicant's timeline shows it. */
export function chainProgress(request: Pick<RequestDoc, 'chain' | 'status' | 'step'>): ChainStepView[] {
  const { status, step } = request
  const here: ChainStepState = isPending(status) ? 'current' : 'stopped'
  const settled = !isPending(status) && !['rejected', 'withdrawn', 'returned', 'draft'].includes(status)
  return request.chain.map((s, i) => ({
    label: s.label,
    unionName: s.unionName,
    state: settled || i < step ? 'done' : i === step ? here : 'waiting',
  }))
}

/** Cursor of the last item of a page. */
export const cursorOf = (item: { submittedAt: Date; _id: string }): string => `${item.submittedAt.getTime()}_${item._id}`
export function parseCursor(cursor: string): { at: Date; id: string } {
  const cut = cursor.indexOf('_')
  return { at: new Date(Number(cursor.slice(0, cut))), id: cursor.slice(cut + 1) }
}
