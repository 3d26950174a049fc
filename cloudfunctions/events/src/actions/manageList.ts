import { AppError } from '../../../../shared/contract'
import { EventRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { countDocs, findMany } from '../../../../server/db'
import { organisedUnions } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { beyond, decodeCursor, encodeCursor } from '../../../../server/events/cursor'
import { cardsOf } from '../../../../server/events/views'

/** 我组织的活动: events of the unions the caller organises for (and, for staff, their subtree), newest first, drafts included. */
export const manageList: Handler<typeof eventsActions.manageList> = async (input, ctx) => {
  const unions = await organisedUnions(ctx)
  if (unions.length === 0) throw new AppError('FORBIDDEN', '只有工会主席、副主席和工会干部可以组织活动')
  const _ = ctx.db.command
  const cursor = decodeCursor(input.cursor)
  const mine = { unionPath: _.in(unions.map((u) => u._id)) }
  const where = cursor ? _.and([mine, beyond(_, 'startAt', new Date(cursor.at), cursor.id, { time: 'desc', id: 'asc' })]) : mine
  const events = await findMany(ctx.db.collection(EV.events).where(where).orderBy('startAt', 'desc').orderBy('_id', 'asc'), EventRecord, input.limit + 1)
  const shown = events.slice(0, input.limit)
  const cards = await cardsOf(ctx, shown)
  const count = (eventId: string, status: string) => countDocs(ctx.db.collection(EV.signups).where({ eventId, status, teamRole: _.neq('member') }))
  const items = await Promise.all(
    shown.map(async (e, i) => {
      const [confirmed, waitlisted, pending] = await Promise.all([count(e._id, 'confirmed'), count(e._id, 'waitlisted'), count(e._id, 'pending')])
      const card = cards[i]
      if (!card) throw new Error('card missing')
      return { ...card, confirmed, waitlisted, pending, version: e.version, scope: e.scope }
    }),
  )
  const last = shown[shown.length - 1]
  return {
    items,
    nextCursor: events.length > input.limit && last ? encodeCursor(last.startAt, last._id) : null,
    unions: unions.map((u) => ({ unionId: u._id, name: u.name, level: u.level })),
  }
}
