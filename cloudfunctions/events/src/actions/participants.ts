import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { SignupRecord } from '../../../../shared/events/schemas'
import { findMany } from '../../../../server/db'
import { accessTo, loadEvent } from '../../../../server/events/access'
import { countsByUnion, participantsQuery, rowOf, teamsOf, unitsFor } from '../../../../server/events/participants'

/** 报名名单 with counts by unit: the organising union sees all, a unit's chair their own unit. */
export const participants: Handler<typeof eventsActions.participants> = async (input, ctx) => {
  const event = await loadEvent(ctx, input.eventId)
  const units = unitsFor(ctx, event, input.unionId)
  const [page, counted] = await Promise.all([
    findMany(participantsQuery(ctx, event, units, input.status, input.cursor ?? ''), SignupRecord, input.limit + 1),
    countsByUnion(ctx, event, units),
  ])
  const shown = page.slice(0, input.limit)
  const teams = await teamsOf(ctx, shown)
  const last = shown[shown.length - 1]
  return {
    title: event.title,
    scope: event.scope,
    mode: event.mode,
    kind: event.kind,
    canRemove: event.status === 'published' && accessTo(ctx.grants, event).role === 'organiser',
    rows: shown.map((s) => rowOf(event, s, teams.get(s.teamId))),
    nextCursor: page.length > input.limit && last ? last._id : null,
    counts: counted.counts,
    totals: counted.totals,
  }
}
