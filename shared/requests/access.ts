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

/** A reviewer of a request is anyone who may act at one of its steps: they may read it, before and after their turn. */
export function isReviewerOf(grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain'>): boolean {
  return request.chain.some((step) => canActAtStep(grants, step))
}

/** Who may read a request: its applicant and its reviewers. Everyone else is refused. */
export function canSeeRequest(openid: string, grants: readonly ReviewerGrant[], request: Pick<RequestDoc, 'chain' | 'applicantOpenid'>): boolean {
  return (openid !== '' && request.applicantOpenid === openid) || isReviewerOf(grants, request)
}
