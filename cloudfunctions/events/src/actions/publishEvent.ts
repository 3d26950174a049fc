import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { publishEvent as publish } from '../../../../server/events/manage'

/** 发布活动: makes its seats and opens it to the people it is for. */
export const publishEvent: Handler<typeof eventsActions.publishEvent> = async ({ eventId, expectedVersion }, ctx) => {
  const event = await publish(ctx, eventId, expectedVersion)
  return { eventId: event._id, version: event.version, status: event.status, notified: 0 }
}
