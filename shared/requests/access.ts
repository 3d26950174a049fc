import { z } from 'zod'
import { RoleGrant, grantReaches } from '../domain/union'
import type { RequestDoc, Step } from './schemas'

/**
 * A role grant with the chair's designation: a vice-chair reviews only the kinds of request the chair
 * named (`approverKinds`); the older `approver: true` designation covers every kind.
 */
export const ReviewerGrant = RoleGrant.extend({ approver: z.boolean().optional(), approverKinds: z.array(z.string()).optional() })
export type ReviewerGrant = z.infer<typeof ReviewerGrant>

/** Does a vice-chair's designation cover `kind`? Without a kind: does it cover any kind at all? */
export function approvesKind(g: Pick<ReviewerGrant, 'approver' | 'approverKinds'>, kind?: string): boolean {
  if (g.approver === true) return true
  const kinds = g.approverKinds ?? []
  return kind === undefined ? kinds.length > 0 : kinds.includes(kind)
}

/** The grants that carry the power to review (requests of `kind` when given): chair, federation staff, and vice-chairs designated by their chair. */
export function reviewingGrants(grants: readonly ReviewerGrant[], kind?: string): ReviewerGrant[] {
  return grants.filter((g) => g.role === 'chair' || g.role === 'staff' || (g.role === 'vice_chair' && approvesKind(g, kind)))
}

/**
 * May the holder of `grants` decide at `step`? Chairs and designated vice-chairs act only at
 * their own union's step (and only when the step names their role); federation staff reach
 * every step inside their subtree, because they supervise it.
 */
export function canActAtStep(grants: readonly ReviewerGrant[], step: Pick<Step, 'unionId' | 'unionPath' | 'roles'>, kind?: string): boolean {
  const target = { _id: step.unionId, path: step.unionPath }
  return reviewingGrants(grants, kind).some((g) => (g.role === 'staff' ? grantReaches(g, target) : g.unionId === step.unionId && step.roles.includes(g.role)))
}

/** The grant that lets the holder act at `step` (for the history's actor role), or null. */
export function actingGrant(grants: readonly ReviewerGrant[], step: Pick<Step, 'unionId' | 'unionPath' | 'roles'>, kind?: string): ReviewerGrant | null {
  const target = { _id: step.unionId, path: step.unionPath }
  const own = reviewingGrants(grants, kind).find((g) => g.role !== 'staff' && g.unionId === step.unionId && step.roles.includes(g.role))
  return own ?? reviewingGrants(grants, kind).find((g) => g.role === 'staff' && grantReaches(g, target)) ?? null
}

/**
 * Separation of duties: whoever decided one step of a request may not decide another step of it, and a
 * cadre who filed it under 代办 may not review it at all. Null when `openid` may decide at `step`;
 * otherwise the reason, in words for the person refused.
 */
export function recusalAt(request: Pick<RequestDoc, 'filedByOpenid' | 'deciders'>, openid: string, step: number): string | null {
  if (!openid) return null
  if (request.filedByOpenid === openid) return '这份申请是您代为提交的，按规定回避，由其他审核人办理'
  if ((request.deciders ?? []).some((d) => d.openid === openid && d.step !== step)) return '您已审核过这份申请的另一步，按规定回避，这一步由其他审核人办理'
  return null
}

/** Everyone who may not decide at `step` (the applicant, the 代办 filer, deciders of other steps): reminders skip them. */
export function recusedAt(request: Pick<RequestDoc, 'filedByOpenid' | 'deciders'> & { applicantOpenid?: string }, step: number): string[] {
  const out = (request.deciders ?? []).filter((d) => d.step !== step).map((d) => d.openid)
  if (request.filedByOpenid) out.push(request.filedByOpenid)
  // nobody decides their own request (an officer's own 入会, a chair's 除名 proposal): the desk goes to whoever else may
  if (request.applicantOpenid) out.push(request.applicantOpenid)
  return [...new Set(out)]
}

/** A reviewer of a request is anyone who may act at one of its steps: they may read it, before and after their turn. */
export function isReviewerOf(grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain'> & { kind?: string }): boolean {
  return request.chain.some((step) => canActAtStep(grants, step, request.kind))
}

/** Who may read a request: its applicant and its reviewers. Everyone else is refused. */
export function canSeeRequest(openid: string, grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain' | 'applicantOpenid'> & { kind?: string }): boolean {
  return (openid !== '' && request.applicantOpenid === openid) || isReviewerOf(grants, request)
}
