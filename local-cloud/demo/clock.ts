import { z } from 'zod'
import type { LocalCloud } from '..'
import { operatorDb } from './act'

/**
 * Moving demo records through time (local mode only, from the dev page or the demo set-up). Each move
 * changes only a record's own times and then lets the production code act, as if that moment had come:
 * the rules (check-in an hour before the start, 公示 of 5 working days) stay exactly as they are.
 */
const MINUTE = 60_000

const EventTimes = z.object({ _id: z.string(), title: z.string(), startAt: z.date(), endAt: z.date(), signupOpensAt: z.date(), signupClosesAt: z.date(), status: z.string() })
export type EventTimes = z.infer<typeof EventTimes>
const OpenNotice = z.object({ _id: z.string(), maskedName: z.string(), unitName: z.string(), endsAt: z.date(), status: z.string() })
export type OpenNotice = z.infer<typeof OpenNotice>
const Docs = z.object({ data: z.array(z.record(z.string(), z.unknown())) })

/** Published events, soonest first: the ones the dev page can move. */
export async function listMovableEvents(): Promise<EventTimes[]> {
  const found = Docs.parse(await operatorDb().collection('events').where({ status: 'published' }).orderBy('startAt', 'asc').limit(20).get())
  return found.data.map((d) => EventTimes.parse(d))
}

/** Open 公示, soonest end first. */
export async function listOpenNotices(): Promise<OpenNotice[]> {
  const found = Docs.parse(await operatorDb().collection('aid_notices').where({ status: 'open' }).orderBy('endsAt', 'asc').limit(20).get())
  return found.data.map((d) => OpenNotice.parse(d))
}

/**
 * The event is under way: it started half an hour ago, every one of its times moved by the same amount,
 * so sign-up closed before the start as the rules require and check-in is open.
 */
export async function startEventNow(eventId: string, now = new Date()): Promise<EventTimes> {
  const db = operatorDb()
  const event = EventTimes.parse(z.object({ data: z.unknown() }).parse(await db.collection('events').doc(eventId).get()).data)
  const shift = now.getTime() - 30 * MINUTE - event.startAt.getTime()
  const moved = (d: Date) => new Date(d.getTime() + shift)
  const times = { startAt: moved(event.startAt), endAt: moved(event.endAt), signupOpensAt: moved(event.signupOpensAt), signupClosesAt: moved(event.signupClosesAt) }
  await db.collection('events').doc(eventId).update({ data: times })
  return { ...event, ...times }
}

/** The 公示 has run its days: its end moves to a minute ago and the daily timer runs, closing it as on the day. */
export async function endNoticeNow(cloud: LocalCloud, applicationId: string, now = new Date()): Promise<void> {
  await operatorDb().collection('aid_notices').doc(applicationId).update({ data: { endsAt: new Date(now.getTime() - MINUTE) } })
  await cloud.invokeTimer('aid', 'aidDaily')
}
