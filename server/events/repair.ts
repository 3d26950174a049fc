import { z } from 'zod'
import { EventRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { WriteConflict, runInTransaction, txGet, txRemove, txUpdate } from '../requests/tx'
import { EV } from './collections'
import { addEventHistory } from './history'
import { fillPlaces } from './places'

/**
 * 名额计数核对: a counter is raised before the sign-up that uses it is written (server/events/places.ts),
 * so a crash between the two leaves `taken` (or `waiting`) one high: a place nobody holds, never a place
 * too many. The hourly timer recounts them from the sign-ups that hold a place or a queue place.
 *
 * A sign-up in flight looks exactly like a crash for the milliseconds between its two steps, so a
 * disagreement is only noted the first time (event_counter_checks) and repaired when a later run finds
 * the very same figures, counters and sign-ups alike, at least SETTLE_MINUTES later: a rush changes them
 * and starts the wait again. The repair itself is a transaction on the event document, so a sign-up that
 * moves a counter meanwhile conflicts with it and the repair waits for the next run.
 */

export const COUNTER_CHECKS = 'event_counter_checks'
export const SETTLE_MINUTES = 10
/** Events looked at per run, soonest first (those are the ones people are signing up for). */
const EVENTS_PER_RUN = 100

const Check = z.object({ _id: z.string(), taken: z.number(), waiting: z.number(), held: z.number(), queued: z.number(), seenAt: z.date() })
type Check = z.infer<typeof Check>
const Held = z.object({ list: z.array(z.object({ _id: z.object({ eventId: z.string(), holds: z.string() }), n: z.number().int() })) })

/** Returns how many events' counters were set right. */
export async function repairPlaceCounters(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command
  const events = await findMany(ctx.db.collection(EV.events).where({ status: 'published', endAt: _.gt(ctx.now) }).orderBy('startAt', 'asc'), EventRecord, EVENTS_PER_RUN)
  const checks = new Map((await findMany(ctx.db.collection(COUNTER_CHECKS).where({ _id: _.in(events.map((e) => e._id)) }), Check, EVENTS_PER_RUN)).map((c) => [c._id, c]))
  if (events.length === 0) return 0
  // what the sign-ups hold, per event, in one aggregate (not two counts per event)
  const res = await ctx.db
    .collection(EV.signups)
    .aggregate()
    .match({ eventId: _.in(events.map((e) => e._id)), holds: _.in(['place', 'queue']) })
    .group({ _id: { eventId: '$eventId', holds: '$holds' }, n: _.aggregate.sum(1) })
    .limit(EVENTS_PER_RUN * 2)
    .end()
  const holding = new Map(Held.parse(res).list.map((row) => [`${row._id.eventId}|${row._id.holds}`, row.n]))
  let repaired = 0
  for (const event of events) {
    const held = holding.get(`${event._id}|place`) ?? 0
    const queued = holding.get(`${event._id}|queue`) ?? 0
    const seen: Check = { _id: event._id, taken: event.taken, waiting: event.waiting, held, queued, seenAt: ctx.now }
    const earlier = checks.get(event._id)
    if (held === event.taken && queued === event.waiting) {
      if (earlier) await ctx.db.collection(COUNTER_CHECKS).doc(event._id).remove()
      continue
    }
    const settled = earlier && earlier.taken === seen.taken && earlier.waiting === seen.waiting && earlier.held === held && earlier.queued === queued && ctx.now.getTime() - earlier.seenAt.getTime() >= SETTLE_MINUTES * 60_000
    if (!settled) {
      // first seen, or still moving: note it (keeping the first time it was seen like this)
      const { _id, ...data } = earlier && sameFigures(earlier, seen) ? earlier : seen
      await ctx.db.collection(COUNTER_CHECKS).doc(_id).set({ data })
      continue
    }
    const fixed = await runInTransaction(ctx.db, async (tx) => {
      const fresh = EventRecord.parse(await txGet(tx, EV.events, event._id))
      if (fresh.status !== 'published' || fresh.taken !== event.taken || fresh.waiting !== event.waiting) return null
      await txUpdate(tx, EV.events, event._id, { taken: held, waiting: queued })
      await addEventHistory(tx, event._id, 'recount', { openid: '', now: ctx.now }, `名额计数核对：占用 ${event.taken}→${held}，候补 ${event.waiting}→${queued}`)
      await txRemove(tx, COUNTER_CHECKS, event._id)
      return { ...fresh, taken: held, waiting: queued }
    }).catch((err: unknown) => {
      if (err instanceof WriteConflict) return null // a sign-up moved a counter just now: the next run looks again
      throw err
    })
    if (!fixed) continue
    repaired += 1
    // a place the phantom held goes to the first in the queue, as any freed place does
    if (fixed.waiting > 0 && fixed.taken < fixed.capacity) await fillPlaces(ctx, fixed)
  }
  return repaired
}

const sameFigures = (a: Check, b: Check): boolean => a.taken === b.taken && a.waiting === b.waiting && a.held === b.held && a.queued === b.queued
