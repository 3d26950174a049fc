import { CODE_REFRESH_SECONDS } from '../../../../shared/events/tokens'
import { AppError } from '../../../../shared/contract'
import { checkInProblem } from '../../../../shared/events/rules'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadOwnEvent } from '../../../../server/events/access'
import { issueCode } from '../../../../server/events/tokens'

/** 现场签到码 for the organiser's screen: valid 60 seconds, renewed every 30, so a photo of it soon stops working. */
export const checkInCode: Handler<typeof eventsActions.checkInCode> = async ({ eventId }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  const problem = checkInProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  const { token, expiresAt } = issueCode(event._id, ctx.now)
  return { token, expiresAt, refreshAfterSeconds: CODE_REFRESH_SECONDS }
}
