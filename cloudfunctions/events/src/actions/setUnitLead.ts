import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadEvent } from '../../../../server/events/access'
import { setUnitLead as setLead } from '../../../../server/events/leads'

/** 报领队: the one responsible person of a unit for a subtree-wide event. */
export const setUnitLead: Handler<typeof eventsActions.setUnitLead> = async ({ eventId, ...lead }, ctx) => setLead(ctx, await loadEvent(ctx, eventId), lead)
