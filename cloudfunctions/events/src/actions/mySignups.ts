import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { attendanceLabel } from '../../../../shared/events/rules'
import { EventRecord, SignupRecord, signupStatusLabel } from '../../../../shared/events/schemas'
import { findMany } from '../../../../server/db'
import { EV } from '../../../../server/events/collections'
import { beyond, decodeCursor, encodeCursor } from '../../../../server/events/cursor'

/** 我的报名: the caller's sign-ups, newest first. */
export const mySignups: Handler<typeof eventsActions.mySignups> = async (input, ctx) => {
  const _ = ctx.db.command
  const cursor = decodeCursor(input.cursor)
  const mine = { openid: ctx.openid }
  const where = cursor ? _.and([mine, beyond(_, 'createdAt', new Date(cursor.at), cursor.id, { time: 'desc', id: 'desc' })]) : mine
  const signups = await findMany(ctx.db.collection(EV.signups).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc'), SignupRecord, input.limit + 1)
  const shown = signups.slice(0, input.limit)
  const ids = [...new Set(shown.map((s) => s.eventId))]
  const events = ids.length ? await findMany(ctx.db.collection(EV.events).where({ _id: _.in(ids) }), EventRecord, ids.length) : []
  const items = shown.flatMap((s) => {
    const e = events.find((x) => x._id === s.eventId)
    if (!e) return []
    return [{ eventId: e._id, title: e.title, startAt: e.startAt, place: e.place, eventStatus: e.status, status: s.status, statusLabel: signupStatusLabel[s.status], attendance: attendanceLabel(s) }]
  })
  const last = shown[shown.length - 1]
  return { items, nextCursor: signups.length > input.limit && last ? encodeCursor(last.createdAt, last._id) : null }
}
