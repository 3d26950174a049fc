import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadEvent } from '../../../../server/events/access'
import { checkInByName as checkIn } from '../../../../server/events/desk'

/** 按姓名签到, step two: check in the person found, for a worker without a working phone; the history names who did it. */
export const checkInByName: Handler<typeof eventsActions.checkInByName> = async ({ eventId, signupId }, ctx) => {
  const event = await loadEvent(ctx, eventId)
  return checkIn(ctx, event, signupId)
}
