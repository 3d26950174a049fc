import { AppError } from '../../../../shared/contract'
import { SignupRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById } from '../../../../server/db'
import { loadVisibleEvent } from '../../../../server/events/access'
import { cancelSignup as cancel } from '../../../../server/events/cancel'
import { EV } from '../../../../server/events/collections'
import { signupIdOf } from '../../../../server/events/seats'
import { mySignupView } from '../../../../server/events/views'

/** 取消报名 before the deadline; the seat goes to the first in the queue. */
export const cancelSignup: Handler<typeof eventsActions.cancelSignup> = async ({ eventId }, ctx) => {
  const event = await loadVisibleEvent(ctx, eventId)
  const id = signupIdOf(event._id, ctx.openid)
  await cancel(ctx, event, await findById(ctx.db.collection(EV.signups), id, SignupRecord))
  const after = await findById(ctx.db.collection(EV.signups), id, SignupRecord)
  if (!after) throw new AppError('NOT_FOUND', '没有找到您的报名')
  return mySignupView(ctx, event, after)
}
