import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { visibleScopeKeys } from '../../../../shared/events/rules'
import { EventRecord } from '../../../../shared/events/schemas'
import { findMany } from '../../../../server/db'
import { memberGrant } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { cardsOf } from '../../../../server/events/views'
import { beyond, decodeCursor, encodeCursor } from '../../../../server/events/cursor'

/**
 * 活动列表: upcoming and running events a worker may join — their own union's and every ancestor's
 * subtree-wide ones for a member, open events for anyone else — soonest first, with a (startAt, _id) cursor.
 */
export const browse: Handler<typeof eventsActions.browse> = async (input, ctx) => {
  const _ = ctx.db.command
  const member = memberGrant(ctx.grants)
  const who = member ? { scopeKey: _.in(visibleScopeKeys(member.unionPath)) } : { membersOnly: false }
  const cursor = decodeCursor(input.cursor)
  const conditions: object[] = [{ ...who, status: 'published', endAt: _.gt(ctx.now) }]
  if (input.kind) conditions.push({ kind: input.kind })
  if (input.from) conditions.push({ startAt: _.gte(input.from) })
  if (input.to) conditions.push({ startAt: _.lt(input.to) })
  if (cursor) conditions.push(beyond(_, 'startAt', new Date(cursor.at), cursor.id, { time: 'asc', id: 'asc' }))
  const events = await findMany(
    ctx.db.collection(EV.events).where(_.and(conditions)).orderBy('startAt', 'asc').orderBy('_id', 'asc'),
    EventRecord,
    input.limit + 1,
  )
  const shown = events.slice(0, input.limit)
  const last = shown[shown.length - 1]
  return { items: await cardsOf(ctx, shown), nextCursor: events.length > input.limit && last ? encodeCursor(last.startAt, last._id) : null }
}
