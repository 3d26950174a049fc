import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadOwnEvent } from '../../../../server/events/access'
import { revealAnswer as reveal } from '../../../../server/events/reveal'

/** 查看完整号码 of a protected answer (organisers only); every view is written to the audit log. */
export const revealAnswer: Handler<typeof eventsActions.revealAnswer> = async ({ eventId, signupId, key }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  return reveal(ctx, event, signupId, key)
}
