import { z } from 'zod'
import { eventsActions } from '../../shared/events/actions'
import type { EventFieldsInput } from '../../shared/events/schemas'
import { dataOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

/**
 * 名额计数核对 (server/events/repair.ts): a crash between raising an event's `taken` counter and writing
 * the sign-up leaves a place nobody holds. The hourly timer sets it right from the sign-ups, but only
 * once the same figures have stood still for a while (a sign-up in flight looks the same for an instant),
 * and the freed place goes to the first in the queue.
 */
jest.setTimeout(60_000)

const CHAIR = 'demo-chair' // 张建国, chair and member of 建筑公司工会
const LIU = 'seed-liuyang' // members of 建筑公司工会
const ZHOU = 'seed-zhoujian'
const HOUR = 3_600_000

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
}, 60_000)
afterAll(() => cloud.cleanup())

function eventInput(capacity: number): EventFieldsInput {
  const now = Date.now()
  return {
    title: '职工乒乓球赛',
    kind: 'sports',
    place: '望京体育馆',
    description: '单打淘汰赛',
    startAt: new Date(now + 72 * HOUR),
    endAt: new Date(now + 75 * HOUR),
    signupOpensAt: new Date(now - HOUR),
    signupClosesAt: new Date(now + 48 * HOUR),
    capacity,
  }
}
async function published(capacity: number): Promise<string> {
  const saved = dataOf(await cloud.callAction(CHAIR, eventsActions.saveEvent, { unionId: 'u-build', event: eventInput(capacity) }))
  dataOf(await cloud.callAction(CHAIR, eventsActions.publishEvent, { eventId: saved.eventId, expectedVersion: saved.version }))
  return saved.eventId
}
const Counters = z.object({ taken: z.number(), waiting: z.number() })
const counters = async (eventId: string) => Counters.parse((await adminDb().find('events', { _id: eventId }))[0])
const hourly = () => cloud.invokeTimer('events', 'eventsHourly')
const statusOf = async (eventId: string, openid: string) => dataOf(await cloud.callAction(openid, eventsActions.getEvent, { eventId })).my?.status

test('a place a crash left taken is given back after the figures stood still, and the first in the queue gets it', async () => {
  const eventId = await published(3)
  const calm = await published(5)
  dataOf(await cloud.callAction(LIU, eventsActions.signUp, { eventId }))
  dataOf(await cloud.callAction(ZHOU, eventsActions.signUp, { eventId }))
  dataOf(await cloud.callAction(LIU, eventsActions.signUp, { eventId: calm }))
  // the crash: a third place was counted, its sign-up never written
  await adminDb().db.collection('events').doc(eventId).update({ data: { taken: adminDb().db.command.inc(1) } })
  dataOf(await cloud.callAction(CHAIR, eventsActions.signUp, { eventId }))
  expect(await statusOf(eventId, CHAIR)).toBe('waitlisted')
  expect(await counters(eventId)).toEqual({ taken: 3, waiting: 1 })

  // seen once, and again at once: it could be a sign-up in flight, so nothing changes yet
  await hourly()
  await hourly()
  expect(await counters(eventId)).toEqual({ taken: 3, waiting: 1 })
  expect(await adminDb().count('event_counter_checks', { _id: eventId })).toBe(1)
  expect(await adminDb().count('event_counter_checks', { _id: calm })).toBe(0)

  // the same figures, a quarter of an hour later: repaired, and the queue moves up
  await adminDb().db.collection('event_counter_checks').doc(eventId).update({ data: { seenAt: new Date(Date.now() - 15 * 60_000) } })
  await hourly()
  expect(await counters(eventId)).toEqual({ taken: 3, waiting: 0 })
  expect(await statusOf(eventId, CHAIR)).toBe('confirmed')
  expect(await adminDb().count('event_history', { eventId, action: 'recount' })).toBe(1)
  expect(await adminDb().count('event_counter_checks', { _id: eventId })).toBe(0)
  expect(await counters(calm)).toEqual({ taken: 1, waiting: 0 })

  // counters that agree again are left alone
  await hourly()
  expect(await adminDb().count('event_history', { eventId, action: 'recount' })).toBe(1)
})

test('figures that moved since they were noted are noted again instead of repaired', async () => {
  const eventId = await published(4)
  dataOf(await cloud.callAction(LIU, eventsActions.signUp, { eventId }))
  await adminDb().db.collection('events').doc(eventId).update({ data: { taken: adminDb().db.command.inc(1) } })
  await hourly()
  await adminDb().db.collection('event_counter_checks').doc(eventId).update({ data: { seenAt: new Date(Date.now() - 15 * 60_000) } })
  // a sign-up meanwhile: the rush is on, the wait starts again
  dataOf(await cloud.callAction(ZHOU, eventsActions.signUp, { eventId }))
  await hourly()
  expect(await counters(eventId)).toEqual({ taken: 3, waiting: 0 })
  expect(await adminDb().count('event_history', { eventId, action: 'recount' })).toBe(0)
})
