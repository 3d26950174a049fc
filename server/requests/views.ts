import { canActAtStep, recusalAt, type ReviewerGrant } from '../../shared/requests/access'
import { actorRoleLabel, historyActionLabel, type HistoryDoc, type RequestDoc } from '../../shared/requests/schemas'
import { isPending, requestStatusLabel } from '../../shared/requests/state'
import type { HistoryView, RequestItem } from '../../shared/requests/views'
import { maskName, titleForOwner } from '../../shared/privacy/mask'
import { findKind, kindLabelOf } from './registry'

/** Whether `openid` holding `grants` may decide on the request now (never on their own). */
export function canActNow(request: RequestDoc, openid: string, grants: readonly ReviewerGrant[]): boolean {
  return (
    isPending(request.status) &&
    request.applicantOpenid !== openid &&
    recusalAt(request, openid, request.step) === null &&
    canActAtStep(grants, request.chain[request.step], request.kind)
  )
}

/**
 * A list row: what a phone may see of a request. No openids, no sensitive values. `fullName`, the
 * applicant's name when this viewer may see it (the applicant themself, a reviewer the kind shows it
 * to), replaces the masked one in the title and the applicant line; everyone else sees it masked.
 */
export function toItem(request: RequestDoc, openid: string, grants: readonly ReviewerGrant[], fullName = ''): RequestItem {
  // only when the stored mask is the mask of that name (a renamed profile keeps the stored title)
  const named = fullName !== '' && maskName(fullName) === request.applicantName
  const desk = request.chain[request.step] ?? request.chain[0]
  const addressed = request.chain.find((s) => s.unionId === request.unionId) ?? request.chain[0]
  const canAct = canActNow(request, openid, grants)
  return {
    id: request._id,
    kind: request.kind,
    kindLabel: kindLabelOf(request.kind),
    title: named ? titleForOwner(request.summary.title, request.applicantName, fullName) : request.summary.title,
    subtitle: request.summary.subtitle,
    applicantName: named ? fullName : request.applicantName,
    status: request.status,
    statusLabel: requestStatusLabel[request.status],
    step: request.step,
    stepLabel: desk.label,
    unionName: addressed.unionName,
    submittedAt: request.submittedAt,
    updatedAt: request.updatedAt,
    dueAt: request.dueAt,
    overdue: request.overdue,
    version: request.version,
    lastReason: request.lastReason,
    canAct,
    canBatch: canAct && findKind(request.kind)?.batchApprove !== false,
  }
}

export function toHistoryView(entry: HistoryDoc): HistoryView {
  return {
    id: entry._id,
    at: entry.at,
    action: entry.action,
    actionLabel: entry.action === 'advance' && entry.note ? entry.note : historyActionLabel[entry.action],
    actorName: entry.actorName,
    actorRoleLabel: actorRoleLabel[entry.actorRole],
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    step: entry.step,
    reason: entry.reason,
    note: entry.note,
  }
}
