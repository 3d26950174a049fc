/**
 * 报名高峰: N people sign up for an event of S places at the same moment, through the compiled `events`
 * function on the local cloud (each call its own identity), then C confirmed people cancel while M more
 * sign up. Prints the outcome (confirmed / waitlisted / refused, the event's place counters), each
 * caller's latency (p50, p95, max: every caller must have a definite answer within the function's time
 * limit) and the sign-ups per second the local cloud sustained.
 *   npx tsx bench/event-rush.ts [--people 500] [--seats 100] [--cancel 20] [--late 50]
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs'
import { cpus, loadavg, tmpdir } from 'os'
import { join } from 'path'
import { parseArgs } from 'util'
import { z } from 'zod'
import { startLocalCloud } from '../local-cloud'
import { seed as coreSeed } from '../local-cloud/seed/core'
import { buildFunctions } from '../scripts/build-functions'
import { adminDb } from '../tests/functions/adminDb'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { envelopeOf } from '../shared/contract'
import { MySignupView } from '../shared/events/schemas'
import { figure } from './figures'
import { sportsAfternoon } from './fixtures'

const { values } = parseArgs({
  options: { people: { type: 'string', default: '500' }, seats: { type: 'string', default: '100' }, cancel: { type: 'string', default: '20' }, late: { type: 'string', default: '50' } },
})
const PEOPLE = Number(values.people)
const SEATS = Number(values.seats)
const CANCEL = Number(values.cancel)
const LATE = Number(values.late)
const TECH_PATH = ['u-district', 'u-street-wangjing', 'u-tech']
const Answer = envelopeOf(MySignupView)
const Saved = envelopeOf(z.object({ eventId: z.string(), version: z.number() }))
const Rows = z.array(z.object({ status: z.string(), openid: z.string(), holds: z.string() }))
const Counters = z.object({ data: z.object({ taken: z.number(), waiting: z.number(), capacity: z.number() }) })

/** the value below which `p` of the sorted latencies fall */
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const latencyLine = (ms: number[]): string => {
  const sorted = [...ms].sort((a, b) => a - b)
  return `p50 ${(percentile(sorted, 0.5) / 1000).toFixed(2)} s, p95 ${(percentile(sorted, 0.95) / 1000).toFixed(2)} s, max ${((sorted[sorted.length - 1] ?? 0) / 1000).toFixed(2)} s`
}
/** runs `call` and keeps how long its caller waited for the answer */
async function timed<T>(latencies: number[], call: () => Promise<T>): Promise<T> {
  const t = performance.now()
  try {
    return await call()
  } finally {
    latencies.push(performance.now() - t)
  }
}
const Docs = z.object({ data: z.array(z.record(z.string(), z.unknown())) })

async function main() {
  process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
  process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY
  await buildFunctions(['events'])
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-rush-'))
  const cloud = await startLocalCloud({ dataDir })
  try {
    const people = Array.from({ length: PEOPLE + LATE }, (_, i) => `rush-${i}`)
    await cloud.db.seed({
      unions: coreSeed.unions,
      roles: [
        ...coreSeed.roles,
        ...people.map((openid) => ({ _id: `r-${openid}`, openid, unionId: 'u-tech', role: 'member', unionPath: TECH_PATH, grantedAt: new Date(), grantedBy: 'bench' })),
      ],
      users: [...coreSeed.users, ...people.map((openid, i) => ({ _id: openid, openid, nickName: `职工${i}`, createdAt: new Date(), updatedAt: new Date() }))],
    })
    const event = sportsAfternoon(SEATS)
    const saved = Saved.parse(await cloud.invoke('events', { action: 'saveEvent', input: { unionId: 'u-street-wangjing', event } }, { openid: 'demo-staff' }))
    if (!saved.ok) throw new Error(JSON.stringify(saved.error))
    const eventId = saved.data.eventId
    await cloud.invoke('events', { action: 'publishEvent', input: { eventId, expectedVersion: 1 } }, { openid: 'demo-staff' })
    // a call the local cloud gave up on (the function's declared time limit) is an answer nobody got, counted, not fatal
    const unanswered = { ok: false as const, error: { code: 'TIMEOUT', message: '' } }
    const signUp = (openid: string) => cloud.invoke('events', { action: 'signUp', input: { eventId } }, { openid }).then((raw) => Answer.parse(raw), () => unanswered)
    const cancel = (openid: string) => cloud.invoke('events', { action: 'cancelSignup', input: { eventId } }, { openid }).then((raw) => Answer.parse(raw), () => unanswered)

    const firstMs: number[] = []
    const t0 = performance.now()
    const first = await Promise.all(people.slice(0, PEOPLE).map((p) => timed(firstMs, () => signUp(p))))
    const rushMs = performance.now() - t0
    const failed = first.filter((a) => !a.ok).length
    const confirmedIds = people.slice(0, PEOPLE).filter((_, i) => {
      const a = first[i]
      return a?.ok && a.data.status === 'confirmed'
    })

    const secondMs: number[] = []
    const t1 = performance.now()
    const second = await Promise.all([...confirmedIds.slice(0, CANCEL).map((p) => timed(secondMs, () => cancel(p))), ...people.slice(PEOPLE).map((p) => timed(secondMs, () => signUp(p)))])
    const secondWall = performance.now() - t1

    const admin = adminDb()
    const _ = admin.db.command
    const all = async (collection: string, where: object) => {
      const out: Array<Record<string, unknown>> = []
      for (let after = ''; ; ) {
        const page = Docs.parse(await admin.db.collection(collection).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(100).get()).data
        out.push(...page)
        const last = page[page.length - 1]
        if (page.length < 100 || !last) return out
        after = String(last._id)
      }
    }
    const rows = Rows.parse(await all('event_signups', { eventId }))
    const counters = Counters.parse(await admin.db.collection('events').doc(eventId).get()).data
    const count = (s: string) => rows.filter((r) => r.status === s).length
    const held = rows.filter((r) => r.holds === 'place')
    console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
    console.log(`rush: ${PEOPLE} simultaneous sign-ups for ${SEATS} places`)
    console.log(`  answers: confirmed ${first.filter((a) => a.ok && a.data.status === 'confirmed').length}, waitlisted ${first.filter((a) => a.ok && a.data.status === 'waitlisted').length}, refused or failed ${failed}`)
    console.log(`  latency per caller: ${latencyLine(firstMs)}`)
    console.log(`  ${(rushMs / 1000).toFixed(2)} s in all, ${((PEOPLE / rushMs) * 1000).toFixed(0)} sign-ups per second`)
    console.log(`then: ${CANCEL} cancellations during ${LATE} more sign-ups: ${(secondWall / 1000).toFixed(2)} s, ${second.filter((a) => !a.ok).length} refused or failed`)
    console.log(`  latency per caller: ${latencyLine(secondMs)}`)
    console.log(`end state: ${rows.length} sign-ups for ${new Set(rows.map((r) => r.openid)).size} people (${PEOPLE + LATE} tried)`)
    console.log(`  confirmed ${count('confirmed')}, waitlisted ${count('waitlisted')}, cancelled ${count('cancelled')}`)
    console.log(`  places held ${held.length} of ${counters.capacity}; counters: taken ${counters.taken}, waiting ${counters.waiting}`)
    const confirmed = first.filter((a) => a.ok && a.data.status === 'confirmed').length
    const waiting = first.filter((a) => a.ok && a.data.status === 'waitlisted').length
    const sorted = [...firstMs].sort((a, b) => a - b)
    const group = `${PEOPLE} sign-ups at once for ${SEATS} places (load ${loadavg()[0].toFixed(1)})`
    figure(group, 'confirmed / waiting / no answer', `${confirmed} / ${waiting} / ${failed}`, `${SEATS} / ${PEOPLE - SEATS} / 0`, confirmed === SEATS && waiting === PEOPLE - SEATS && failed === 0)
    // the limit the events function declares (and the local cloud enforces), as production would
    const limitS = z.object({ timeout: z.number() }).parse(JSON.parse(readFileSync(join(__dirname, '..', 'cloudfunctions', 'events', 'config.json'), 'utf8'))).timeout
    const max = sorted[sorted.length - 1] ?? 0
    figure(group, 'latency p50 / p95 / max', `${seconds(percentile(sorted, 0.5))} / ${seconds(percentile(sorted, 0.95))} / ${seconds(max)}`, `every answer within ${limitS} s`, failed === 0 && max <= limitS * 1000)
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
