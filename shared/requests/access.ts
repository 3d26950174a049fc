import { z } from 'zod'
import { RoleGrant, grantReaches } from '../domain/union'
import type { RequestDoc, Step } from './schemas'

/** A role grant with the chair's designation: a vice-chair reviews only when the chair made them an approver. */
export const ReviewerGrant = RoleGrant.extend({ approver: z.boolean().optional() })
export type ReviewerGrant = z.infer<typeof ReviewerGrant>

/** The grants that carry the power to review: chair, federation staff, and vice-chairs designated by their chair. */
export function reviewingGrants(grants: readonly ReviewerGrant[]): ReviewerGrant[] {
  return grants.filter((g) => g.role === 'chair' || g.role === 'staff' || (g.role === 'vice_chair' && g.approver === true))
}

/**
 * May the holder of `grants` decide at `step`? Chairs and designated vice-chairs act only at
 * their own union's step (and only when the step names their role); federation staff reach
 * every step inside their subtree, because they supervise it.
 */
export function canActAtStep(grants: readonly ReviewerGrant[], step: Pick<Step, 'unionId' | 'unionPath' | 'roles'>): boolean {
  const target = { _id: step.unionId, path: step.unionPath }
  return reviewingGrants(grants).some((g) => (g.role === 'staff' ? grantReaches(g, target) : g.unionId === step.unionId && step.roles.includes(g.role)))
}

/** The grant that lets the holder act at `step` (for the history's actor role), or null. */
export function actingGrant(grants: readonly ReviewerGrant[], step: Pick<Step, 'unionId' | 'unionPath' | 'roles'>): ReviewerGrant | null {
  const target = { _id: step.unionId, path: step.unionPath }
  const own = reviewingGrants(grants).find((g) => g.role !== 'staff' && g.unionId === step.unionId && step.roles.includes(g.role))
  return own ?? reviewingGrants(grants).find((g) => g.role === 'staff' && grantReaches(g, target)) ?? null
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

/** Everyone who may not decide at `step` (the 代办 filer, deciders of other steps): reminders skip them. */
export function recusedAt(request: Pick<RequestDoc, 'filedByOpenid' | 'deciders'>, step: number): string[] {
  const out = (request.deciders ?? []).filter((d) => d.step !== step).map((d) => d.openid)
  if (request.filedByOpenid) out.push(request.filedByOpenid)
  return [...new Set(out)]
}

/** A reviewer of a request is anyone who may act at one of its steps: they may read it, before and after their turn. */
export function isReviewerOf(grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain'>): boolean {
  return request.chain.some((step) => canActAtStep(grants, step))
}

/** Who may read a request: its applicant and its reviewers. Everyone else is refused. */
export function canSeeRequest(openid: string, grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain' | 'applicantOpenid'>): boolean {
  return (openid !== '' && request.applicantOpenid === openid) || isReviewerOf(grants, request)
}
