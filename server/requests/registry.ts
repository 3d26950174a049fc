import type { Role, Union } from '../../shared/domain/union'
import type { KindFlow, RequestEvent, RequestStatus } from '../../shared/requests/state'
import type { DescribedField, RequestDoc, Step } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import type { Transaction } from './tx'

/**
 * One kind of request that someone must approve. A kind plugs in with a module that calls
 * `registerKind(...)` and one import line in server/requests/kinds.ts. Kind modules import only
 * from this file (and shared/), never from engine.ts, so the registry has no import cycle.
 */
export interface RequestKind {
  /** 'membership.join', 'membership.transfer', 'event.signup', 'aid.schoolAid', … */
  kind: string
  /** 入会申请 …: shown in lists, tabs and messages (≤ 20 characters reads best in a message) */
  label: string
  /**
   * Approval chain resolved from the union tree at submit time (build steps with `reviewStep`).
   * `variant` is the submitter's `chainVariant` (a scheme id, a category) for kinds whose chain depends on it.
   */
  chain(target: Union, ctx: Ctx, variant?: string): Promise<Step[]>
  /**
   * Runs INSIDE the transaction of the final approval, after the request update is staged.
   * Single-document operations only (tx.collection(x).doc(id).get/set/update/remove, add).
   * Throwing an AppError (e.g. QUOTA when a fund is spent) refuses the approval and rolls everything back.
   */
  onApproved?(tx: Transaction, request: RequestDoc, ctx: Ctx): Promise<void>
  /**
   * Runs once BEFORE the transaction of a decision, outside it, after the engine's own checks: for
   * work that must not make every racing transaction conflict (aid takes the fund's share with one
   * conditional update here). Throwing refuses the decision; the returned undo runs if the move fails.
   */
  beforeMove?(request: RequestDoc, event: RequestEvent, ctx: Ctx): Promise<(() => Promise<void>) | void>
  /** inside the transaction that rejects the request */
  onRejected?(tx: Transaction, request: RequestDoc, ctx: Ctx): Promise<void>
  /** inside every transaction that moves the request (after onApproved/onRejected), with the event that moved it */
  onTransition?(tx: Transaction, request: RequestDoc, change: { from: RequestStatus; event: RequestEvent }, ctx: Ctx): Promise<void>
  /** after the transaction of any move has committed (best effort: a failure is logged, the move stands) — e.g. give a freed seat to the next in line */
  afterTransition?(request: RequestDoc, ctx: Ctx): Promise<void>
  /**
   * fields shown on the generic detail page (already masked). The applicant reads it too: what only
   * reviewers may see (objections to a 公示, who else uses an ID number) goes in only when `viewer.reviewer`.
   */
  describe(request: RequestDoc, ctx: Ctx, viewer?: DescribeViewer): Promise<DescribedField[]>
  /** 办理时限 of each step in working days (a deployment's REVIEW_SLA_CONFIG may override it); default 5 */
  slaWorkingDays?: number
  /** states after approval (aid: 公示, 发放) */
  flow?: KindFlow
  /** may a reviewer approve it in a batch? default true; set false where each case needs its own look (aid) */
  batchApprove?: boolean
  /** page the applicant's result message opens; default the generic detail page */
  applicantPage?(request: RequestDoc): string
}

/** Who reads a described request: a reviewer of it, or (reviewer false) its applicant. */
export interface DescribeViewer {
  reviewer: boolean
}

const registry = new Map<string, RequestKind>()

export function registerKind(kind: RequestKind): RequestKind {
  const taken = registry.get(kind.kind)
  if (taken && taken !== kind) throw new Error(`request kind "${kind.kind}" is registered twice`)
  registry.set(kind.kind, kind)
  return kind
}

/** The kind of a stored request; a request whose kind is not registered is a deployment bug, not a user error. */
export function getKind(kind: string): RequestKind {
  const found = registry.get(kind)
  if (!found) throw new Error(`request kind "${kind}" is not registered (add its import to server/requests/kinds.ts)`)
  return found
}

export const findKind = (kind: string): RequestKind | undefined => registry.get(kind)
export const kindLabelOf = (kind: string): string => registry.get(kind)?.label ?? '申请'
export const allKinds = (): RequestKind[] => [...registry.values()]

/** Who reviews at a union of each level unless a kind says otherwise. */
export function defaultReviewRoles(union: Pick<Union, 'level'>): Role[] {
  return union.level === 'grassroots' ? ['chair', 'vice_chair'] : ['chair', 'vice_chair', 'staff']
}

/** One desk of a chain at `union`: `reviewStep(union, '基层工会审核')`. */
export function reviewStep(union: Union, label: string, roles: Role[] = defaultReviewRoles(union)): Step {
  return { unionId: union._id, unionPath: union.path, unionName: union.name, roles, label }
}
