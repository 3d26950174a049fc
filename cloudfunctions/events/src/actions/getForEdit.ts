import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadOwnEvent } from '../../../../server/events/access'
import { coverUrls } from '../../../../server/events/views'

/** The event's fields for the edit form, with the version the save must name. */
export const getForEdit: Handler<typeof eventsActions.getForEdit> = async ({ eventId }, ctx) => {
  const e = await loadOwnEvent(ctx, eventId)
  return {
    eventId: e._id,
    unionId: e.unionId,
    version: e.version,
    status: e.status,
    coverUrl: (await coverUrls(ctx, [e])).get(e.coverFileId) ?? '',
    event: {
      title: e.title,
      kind: e.kind,
      description: e.description,
      place: e.place,
      startAt: e.startAt,
      endAt: e.endAt,
      signupOpensAt: e.signupOpensAt,
      signupClosesAt: e.signupClosesAt,
      capacity: e.capacity,
      scope: e.scope,
      membersOnly: e.membersOnly,
      unionIds: e.unionIds,
      gender: e.gender,
      minAge: e.minAge,
      maxAge: e.maxAge,
      mode: e.mode,
      teamSize: e.teamSize,
      fields: e.fields,
      needsApproval: e.needsApproval,
      lateAfterMinutes: e.lateAfterMinutes,
      confirmHours: e.confirmHours,
    },
  }
}
