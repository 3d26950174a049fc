import { AppError } from '../../../../shared/contract'
import { SignupRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById } from '../../../../server/db'
import { loadVisibleEvent } from '../../../../server/events/access'
import { removeTeammate as remove } from '../../../../server/events/cancel'
import { EV } from '../../../../server/events/collections'
import { signupIdOf } from '../../../../server/events/places'
import { mySignupView } from '../../../../server/events/views'

/** 移出队员 (captain only). */
export const removeTeammate: Handler<typeof eventsActions.removeTeammate> = async ({ eventId, signupId }, ctx) => {
  const event = await loadVisibleEvent(ctx, eventId)
  const id = signupIdOf(event._id, ctx.openid)
  await remove(ctx, event, await findById(ctx.db.collection(EV.signups), id, SignupRecord), signupId)
  const captain = await findById(ctx.db.collection(EV.signups), id, SignupRecord)
  if (!captain) throw new AppError('NOT_FOUND', '没有找到您的报名')
  return mySignupView(ctx, event, captain)
}
