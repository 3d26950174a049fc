import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadOwnEvent } from '../../../../server/events/access'
import { removeParticipant as remove } from '../../../../server/events/remove'

/** 移出报名人 with a reason (organisers only): the person is told, the place goes to the first in the queue. */
export const removeParticipant: Handler<typeof eventsActions.removeParticipant> = async ({ eventId, signupId, reason }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  return remove(ctx, event, signupId, reason)
}
