import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadVisibleEvent } from '../../../../server/events/access'
import { detailOf } from '../../../../server/events/views'

/** 活动详情: everything the event page shows, including the caller's own sign-up and why they cannot sign up, if they cannot. */
export const getEvent: Handler<typeof eventsActions.getEvent> = async ({ eventId }, ctx) => detailOf(ctx, await loadVisibleEvent(ctx, eventId))
