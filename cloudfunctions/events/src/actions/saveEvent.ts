import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { saveEvent as save } from '../../../../server/events/manage'

/** 新建活动 (a draft) or 修改活动; a change of time or place is announced to everyone registered. */
export const saveEvent: Handler<typeof eventsActions.saveEvent> = async (input, ctx) => {
  const { event, notified } = await save(ctx, input)
  return { eventId: event._id, version: event.version, status: event.status, notified }
}
