import { EventRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { runInTransaction, txUpdate } from '../requests/tx'
import { EV } from './collections'
import { addEventHistory } from './history'
import { fanOut, startAnnouncement, tellCancelled, unfinishedAnnouncements } from './notices'
import { fillPlaces } from './places'
import { repairPlaceCounters } from './repair'

/** 活动开始提醒 goes out within this many hours of the start. */
export const REMIND_HOURS_BEFORE = 24
/** Cancelled events are swept for late sign-ups this long after the cancellation (far beyond any function's time limit). */
const SWEEP_CANCELLED_HOURS = 48

/**
 * The hourly timer: finishes announcements a crash or a large event left half sent, sends 活动开始提醒
 * for events starting within a day, and closes ended events (marking 缺席 for confirmed people who never
 * checked in). Every step is idempotent, so a timer that runs twice changes nothing twice.
 */
export async function eventsHourly(ctx: Ctx) {
  let announced = 0
  for (const a of await unfinishedAnnouncements(ctx)) announced += await fanOut(ctx, a._id)

  const _ = ctx.db.command
  // sign-ups written while a cancellation was being announced (they passed the open check just before it)
  const cancelled = await findMany(
    ctx.db.collection(EV.events).where({ status: 'cancelled', cancelledAt: _.gte(new Date(ctx.now.getTime() - SWEEP_CANCELLED_HOURS * 3600_000)) }).orderBy('cancelledAt', 'asc'),
    EventRecord,
    50,
  )
  for (const event of cancelled) announced += await tellCancelled(ctx, event, null)

  // places a raised capacity freed while a newcomer was still joining the queue
  const waiting = await findMany(ctx.db.collection(EV.events).where({ status: 'published', waiting: _.gt(0) }).orderBy('startAt', 'asc'), EventRecord, 50)
  for (const event of waiting) if (event.taken < event.capacity) await fillPlaces(ctx, event)

  await repairPlaceCounters(ctx) // counters a crash left one high (server/events/repair.ts)

  const soon = new Date(ctx.now.getTime() + REMIND_HOURS_BEFORE * 3600_000)
  const starting = await findMany(
    ctx.db.collection(EV.events).where({ status: 'published', startAt: _.and(_.gt(ctx.now), _.lte(soon)), remindedAt: null }).orderBy('startAt', 'asc'),
    EventRecord,
    50,
  )
  let reminded = 0
  for (const event of starting) {
    const id = await runInTransaction(ctx.db, async (tx) => {
      await txUpdate(tx, EV.events, event._id, { remindedAt: ctx.now })
      return startAnnouncement(tx, event._id, 'reminder', '', ctx.now)
    })
    reminded += await fanOut(ctx, id)
  }

  const ended = await findMany(ctx.db.collection(EV.events).where({ status: 'published', endAt: _.lte(ctx.now) }).orderBy('endAt', 'asc'), EventRecord, 50)
  for (const event of ended) {
    await ctx.db.collection(EV.signups).where({ eventId: event._id, status: 'confirmed', checkedInAt: null }).update({ data: { noShow: true, updatedAt: ctx.now } })
    await runInTransaction(ctx.db, async (tx) => {
      await txUpdate(tx, EV.events, event._id, { status: 'finished', closedAt: ctx.now, updatedAt: ctx.now, version: event.version + 1 })
      await addEventHistory(tx, event._id, 'close', ctx, '活动结束，未签到的记为缺席')
    })
  }
  return { announced, reminded, closed: ended.length }
}
