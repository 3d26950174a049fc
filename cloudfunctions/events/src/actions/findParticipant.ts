import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadEvent } from '../../../../server/events/access'
import { findParticipants } from '../../../../server/events/desk'

/** 按姓名签到, step one: find the person by name or the last 4 digits of the phone (organisers, a unit's chair for their unit). */
export const findParticipant: Handler<typeof eventsActions.findParticipant> = async ({ eventId, query }, ctx) => {
  const event = await loadEvent(ctx, eventId)
  return { matches: await findParticipants(ctx, event, query) }
}
