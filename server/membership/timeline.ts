import { membershipKindLabel, type MembershipKind } from '../../shared/membership/records'
import type { ApplicationTimeline } from '../../shared/membership/schemas'
import { autoReleaseAt, autoReleaseDays } from '../../shared/membership/transfer'
import { historyActionLabel, type HistoryDoc, type RequestDoc } from '../../shared/requests/schemas'
import { isPending, requestStatusLabel } from '../../shared/requests/state'

type StepState = ApplicationTimeline['steps'][number]['state']

function stepState(request: RequestDoc, index: number): StepState {
  if (request.status === 'approved') return 'done'
  if (index < request.step) return 'done'
  if (isPending(request.status)) return index === request.step ? 'current' : 'waiting'
  if (request.status === 'returned') return 'waiting'
  return 'stopped'
}

/** The applicant's view of a request: the chain's desks and every recorded action with its time and reason. */
export function timelineOf(request: RequestDoc, kind: MembershipKind, history: readonly HistoryDoc[], viewerIsApplicant: boolean): ApplicationTimeline {
  const releasePending = kind === 'membership.transfer' && request.status === 'submitted' && request.step === 0
  return {
    requestId: request._id,
    kind,
    kindLabel: membershipKindLabel[kind],
    unionName: request.chain[request.chain.length - 1]?.unionName ?? '',
    status: request.status,
    statusLabel: requestStatusLabel[request.status],
    submittedAt: request.submittedAt,
    version: request.version,
    canWithdraw: viewerIsApplicant && request.closedAt === null && request.status !== 'approved',
    lastReason: request.lastReason,
    steps: request.chain.map((step, i) => ({ label: step.label, unionName: step.unionName, state: stepState(request, i) })),
    history: history.map((h) => ({
      at: h.at,
      actionLabel: h.action === 'advance' && h.note ? h.note : historyActionLabel[h.action],
      actorName: h.actorName,
      reason: h.reason,
    })),
    autoReleaseAt: releasePending ? autoReleaseAt(request.submittedAt, autoReleaseDays(process.env.GHT_TRANSFER_RELEASE_DAYS)) : null,
  }
}
