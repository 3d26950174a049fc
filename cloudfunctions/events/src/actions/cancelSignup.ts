import { SignupRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById } from '../../../../server/db'
import { loadVisibleEvent } from '../../../../server/events/access'
import { cancelSignup as cancel } from '../../../../server/events/cancel'
import { EV } from '../../../../server/events/collections'
import { signupIdOf } from '../../../../server/events/places'
import { mySignupView } from '../../../../server/events/views'

/** 取消报名 before the deadline; the place goes to the first in the queue. */
export const cancelSignup: Handler<typeof eventsActions.cancelSignup> = async ({ eventId }, ctx) => {
  const event = await loadVisibleEvent(ctx, eventId)
  const signup = await cancel(ctx, event, await findById(ctx.db.collection(EV.signups), signupIdOf(event._id, ctx.openid), SignupRecord))
  return mySignupView(ctx, event, signup)
}
