import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadVisibleEvent } from '../../../../server/events/access'
import { signUp as signUpFor } from '../../../../server/events/signup'
import { mySignupView } from '../../../../server/events/views'

/** 报名 (or 候补 when full; 组队 for team events). A double tap answers the sign-up the first tap made. */
export const signUp: Handler<typeof eventsActions.signUp> = async (input, ctx) => {
  const event = await loadVisibleEvent(ctx, input.eventId)
  const signup = await signUpFor(ctx, event, input)
  return mySignupView(ctx, event, signup)
}
