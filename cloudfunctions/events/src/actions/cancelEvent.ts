import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { cancelEvent as cancel } from '../../../../server/events/manage'

/** 取消活动: everyone registered is told, with the reason. */
export const cancelEvent: Handler<typeof eventsActions.cancelEvent> = async ({ eventId, expectedVersion, reason }, ctx) => {
  const { event, notified } = await cancel(ctx, eventId, expectedVersion, reason)
  return { eventId: event._id, version: event.version, status: event.status, notified }
}
