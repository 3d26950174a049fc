import { aidStatusLabel, type AidStatus, type ApplicationItem } from '../../shared/aid/api'
import { schemeLabel } from '../../shared/aid/config'
import { educationLevelLabel, educationLevelOf } from '../../shared/aid/household'
import type { ApplicationDoc } from '../../shared/aid/records'
import type { RequestStatus } from '../../shared/requests/state'

/**
 * Where an application stands for the people who read it: the engine's status while it is being
 * reviewed, the aid stage after approval (公示, 异议, 待发放, 已发放).
 */
export function aidStatusOf(app: Pick<ApplicationDoc, 'stage'>, requestStatus: RequestStatus | null): AidStatus {
  if (app.stage === 'publicized' || app.stage === 'objection' || app.stage === 'awaiting_payment' || app.stage === 'disbursed') return app.stage
  switch (requestStatus) {
    case 'in_review':
    case 'returned':
    case 'rejected':
    case 'withdrawn':
      return requestStatus
    case 'disbursed':
      return 'disbursed'
    case 'submitted':
    case 'draft':
    case null:
      return app.stage === 'closed' ? 'rejected' : 'submitted'
    default:
      return app.stage === 'closed' ? 'rejected' : 'in_review'
  }
}

/** 金秋助学 · 大学（含高职高专、研究生）: the title lists and messages use; no child's name, no amount. */
export function titleOf(app: Pick<ApplicationDoc, 'scheme' | 'child'>): string {
  const level = app.child ? educationLevelOf(app.child.stage) : null
  return level ? `${schemeLabel[app.scheme]} · ${educationLevelLabel[level]}` : schemeLabel[app.scheme]
}

export function toItem(app: ApplicationDoc, requestStatus: RequestStatus | null): ApplicationItem {
  const status = aidStatusOf(app, requestStatus)
  const decided = status === 'publicized' || status === 'objection' || status === 'awaiting_payment' || status === 'disbursed'
  return {
    id: app._id,
    scheme: app.scheme,
    schemeLabel: schemeLabel[app.scheme],
    title: titleOf(app),
    status,
    statusLabel: aidStatusLabel[status],
    amountFen: decided ? app.amountFen : null,
    submittedAt: app.createdAt,
    updatedAt: app.updatedAt,
    byProxy: app.filedByOpenid !== app.applicantOpenid,
  }
}

/** Cursor `<ms>_<id>` of a list ordered by a date, newest first. */
export const cursorOf = (at: Date, id: string): string => `${at.getTime()}_${id}`
export function parseCursor(cursor: string): { at: Date; id: string } {
  const cut = cursor.indexOf('_')
  return { at: new Date(Number(cursor.slice(0, cut))), id: cursor.slice(cut + 1) }
}
