import { z } from 'zod'

/**
 * Where a request stands. The base machine is draft → submitted → in_review[step] →
 * approved | rejected | returned (→ resubmitted) | withdrawn; a kind may add states after
 * approval (aid: approved → publicized 公示 → disbursed 已发放) through its `flow`.
 */
export const RequestStatus = z.enum(['draft', 'submitted', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn', 'publicized', 'disbursed'])
export type RequestStatus = z.infer<typeof RequestStatus>

export const requestStatusLabel: Record<RequestStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  in_review: '审核中',
  returned: '已退回',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
  publicized: '公示中',
  disbursed: '已发放',
}

/** Waiting on a reviewer: `submitted` waits at step 0, `in_review` at a later step (or a reopened one). */
export const PENDING_STATUSES: readonly RequestStatus[] = ['submitted', 'in_review']
export const isPending = (status: RequestStatus): boolean => PENDING_STATUSES.includes(status)

/** What a reviewer decides at a step. */
export const Decision = z.enum(['approve', 'reject', 'return'], { error: '请选择通过、驳回或退回' })
export type Decision = z.infer<typeof Decision>
export const decisionLabel: Record<Decision, string> = { approve: '通过', reject: '驳回', return: '退回修改' }

export const REASON_MAX = 200

/** 原因/意见: required for reject and return, optional note for approve. */
export const Reason = z
  .string({ error: '请填写原因' })
  .trim()
  .min(1, '请填写原因')
  .max(REASON_MAX, `原因不能超过${REASON_MAX}个字`)

/** Everything that can move a request. Reject and return must carry a reason (checked here, not only by the type). */
export type RequestEvent =
  | { type: 'submit' }
  | { type: 'approve'; reason?: string }
  | { type: 'reject'; reason?: string }
  | { type: 'return'; reason?: string }
  | { type: 'resubmit' }
  | { type: 'withdraw' }
  | { type: 'advance'; to: RequestStatus; step?: number }

/**
 * A kind's additions to the base machine. `approvedStatus` is where the last approval lands
 * (default 'approved'); `edges` are the extra moves the kind may make afterwards through
 * `advance` (aid: approved→publicized, publicized→disbursed, publicized→in_review on 异议).
 */
export interface KindFlow {
  approvedStatus?: RequestStatus
  edges?: ReadonlyArray<{ from: RequestStatus; to: RequestStatus }>
}

export interface MachineState {
  status: RequestStatus
  step: number
  chainLength: number
}

export interface MachineNext {
  status: RequestStatus
  step: number
  /** no further move is possible: the request is closed */
  closed: boolean
}

export type TransitionError = { code: 'CONFLICT' | 'INVALID_INPUT'; message: string; field?: 'reason' | 'step' }
export type TransitionResult = { ok: true; next: MachineNext } | { ok: false; error: TransitionError }

const WITHDRAWABLE: readonly RequestStatus[] = ['draft', 'submitted', 'in_review', 'returned']

/** Statuses after which nothing can happen, given a kind's flow. */
export function isClosed(status: RequestStatus, flow: KindFlow = {}): boolean {
  if (status === 'rejected' || status === 'withdrawn') return true
  if (status === 'draft' || status === 'returned' || isPending(status)) return false
  return !(flow.edges ?? []).some((e) => e.from === status)
}

const stateRefusal: Record<RequestStatus, string> = {
  draft: '申请还没有提交',
  submitted: '申请正在等待审核',
  in_review: '申请正在审核中',
  returned: '申请已退回给申请人修改，请等待重新提交',
  approved: '申请已经通过，不能再次处理',
  rejected: '申请已经被驳回，不能再次处理',
  withdrawn: '申请已经撤回，不能再处理',
  publicized: '申请正在公示，不能再次审核',
  disbursed: '申请已经发放，不能再处理',
}

const conflict = (message: string): TransitionResult => ({ ok: false, error: { code: 'CONFLICT', message } })
const invalid = (message: string, field: 'reason' | 'step'): TransitionResult => ({ ok: false, error: { code: 'INVALID_INPUT', message, field } })
const to = (status: RequestStatus, step: number, flow: KindFlow): TransitionResult => ({ ok: true, next: { status, step, closed: isClosed(status, flow) } })

function checkReason(reason: string | undefined, required: boolean): string | null {
  if (reason === undefined) return required ? '请填写原因' : null
  const parsed = (required ? Reason : Reason.or(z.literal(''))).safeParse(reason)
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '原因填写有误')
}

/**
 * The one place that decides where a request goes next. Pure: no clock, no database.
 * A move that the current status does not allow is a CONFLICT (someone else moved it first);
 * a missing or too long reason is INVALID_INPUT.
 */
export function transition(state: MachineState, event: RequestEvent, flow: KindFlow = {}): TransitionResult {
  const { status, step, chainLength } = state
  if (chainLength < 1) return invalid('审批流程没有配置任何审核环节', 'step')
  switch (event.type) {
    case 'submit':
      return status === 'draft' ? to('submitted', 0, flow) : conflict('申请已经提交过了')
    case 'resubmit':
      return status === 'returned' ? to('submitted', 0, flow) : conflict(status === 'draft' ? stateRefusal.draft : '只有被退回的申请可以重新提交')
    case 'withdraw':
      return WITHDRAWABLE.includes(status) ? to('withdrawn', step, flow) : conflict(stateRefusal[status])
    case 'approve':
    case 'reject':
    case 'return': {
      if (!isPending(status)) return conflict(stateRefusal[status])
      const problem = checkReason(event.reason, event.type !== 'approve')
      if (problem) return invalid(problem, 'reason')
      if (event.type === 'reject') return to('rejected', step, flow)
      if (event.type === 'return') return to('returned', step, flow)
      if (step + 1 < chainLength) return to('in_review', step + 1, flow)
      return to(flow.approvedStatus ?? 'approved', step, flow)
    }
    case 'advance': {
      const allowed = (flow.edges ?? []).some((e) => e.from === status && e.to === event.to)
      if (!allowed) return conflict(`当前状态「${requestStatusLabel[status]}」不能变为「${requestStatusLabel[event.to]}」`)
      if (isPending(event.to)) {
        const target = event.step ?? step
        if (!Number.isInteger(target) || target < 0 || target >= chainLength) return invalid('审核环节不存在', 'step')
        return to(event.to, target, flow)
      }
      return to(event.to, step, flow)
    }
  }
}
