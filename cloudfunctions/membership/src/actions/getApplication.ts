import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { timelineOf } from '../../../../server/membership/timeline'
import { HISTORY, loadRequest } from '../../../../server/requests/engine'
import { loadReviewerGrants } from '../../../../server/requests/people'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { MembershipKind } from '../../../../shared/membership/records'
import { canSeeRequest } from '../../../../shared/requests/access'
import { HistoryDoc } from '../../../../shared/requests/schemas'

/** 办理进度 of one membership request: for its applicant (and its reviewers); everyone else is told it does not exist. */
export const getApplication: Handler<typeof membershipActions.getApplication> = async ({ requestId }, ctx) => {
  const request = await loadRequest(ctx, requestId)
  const kind = MembershipKind.safeParse(request.kind)
  if (!kind.success || !canSeeRequest(ctx.openid, await loadReviewerGrants(ctx), request)) {
    throw new AppError('NOT_FOUND', '没有找到这份申请')
  }
  // a request has a handful of history lines; 100 covers many returns and resubmissions
  const history = await findMany(ctx.db.collection(HISTORY).where({ requestId }).orderBy('at', 'asc'), HistoryDoc, 100)
  return timelineOf(request, kind.data, history, request.applicantOpenid === ctx.openid)
}
