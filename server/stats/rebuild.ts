import { z } from 'zod'
import { SchemeCode } from '../../shared/aid/config'
import { SchoolStage } from '../../shared/aid/household'
import { EventKind } from '../../shared/events/schemas'
import { Gender } from '../../shared/membership/schemas'
import { BASE_YEAR, STATS, statsId, type Deltas } from '../../shared/stats/figures'
import type { Database } from '../context'
import { MAX_PAGE, findMany } from '../db'
import { AID } from '../aid/collections'
import { EV } from '../events/collections'
import { aidDeltas, closedDeltas, openedDeltas, withMonth, yearOf, type Part } from './tally'
import { C, eventKey } from '../../shared/stats/figures'

/** Writes in flight at once while the documents are put back. */
const WRITE_BATCH = 20

/**
 * Every document of a collection matching `where`, a page at a time on an `_id` range cursor
 * (never skip): the rebuild reads each record once, whatever the size.
 */
async function eachPage<S extends z.ZodType<{ _id: string }>>(db: Database, collection: string, where: object, schema: S, visit: (docs: z.output<S>[]) => void | Promise<void>): Promise<number> {
  const _ = db.command
  let after = ''
  let seen = 0
  for (;;) {
    const page = await findMany(
      db.collection(collection).where(after ? { ...where, _id: _.gt(after) } : where).orderBy('_id', 'asc'),
      schema,
      MAX_PAGE,
    )
    await visit(page)
    seen += page.length
    const last: { _id: string } | undefined = page[page.length - 1]
    if (page.length < MAX_PAGE || !last) return seen
    after = last._id
  }
}

const UnionRow = z.object({ _id: z.string(), level: z.string(), path: z.array(z.string()), createdAt: z.date().nullable().default(null), dissolvedAt: z.date().nullable().default(null) })
const ProfileRow = z.object({ _id: z.string(), gender: Gender.nullable().default(null) })
const StintRow = z.object({ _id: z.string(), openid: z.string(), unionPath: z.array(z.string()), joinedAt: z.date(), from: z.date(), to: z.date().nullable(), status: z.string(), migrant: z.boolean().default(false), updatedAt: z.date() })
const PaidRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), year: z.number().int(), scheme: SchemeCode, amountFen: z.number().int(), child: z.object({ stage: SchoolStage }).nullable() })
const FileRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), status: z.string(), filedAt: z.date(), closedAt: z.date().nullable() })
const EventRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), kind: EventKind, startAt: z.date(), status: z.string() })

/**
 * The running totals counted from records, by the same rules as server/stats/tally.ts. Fed record by
 * record in any order (a stint waits for its member's gender, a check-in for its event), then `docs()`.
 */
export class StatsBuilder {
  private readonly acc = new Map<string, { unionId: string; year: number; deltas: Deltas }>()
  private readonly gender = new Map<string, Gender | null>()
  private readonly stints: Array<z.output<typeof StintRow>> = []
  private readonly events = new Map<string, z.output<typeof EventRow>>()
  private readonly checkIns: string[] = []

  private add(part: Part): void {
    for (const unionId of part.path) {
      const id = statsId(unionId, part.year)
      const doc = this.acc.get(id) ?? { unionId, year: part.year, deltas: {} }
      for (const [k, v] of Object.entries(part.deltas)) doc.deltas[k] = (doc.deltas[k] ?? 0) + v
      this.acc.set(id, doc)
    }
  }

  union(raw: unknown): void {
    const u = UnionRow.parse(raw)
    if (u.level !== 'grassroots') return
    this.add({ path: u.path, year: u.createdAt ? yearOf(u.createdAt) : BASE_YEAR, deltas: { [C.unionsNew]: 1 } })
    if (u.dissolvedAt) this.add({ path: u.path, year: yearOf(u.dissolvedAt), deltas: { [C.unionsDissolved]: 1 } })
  }

  profile(raw: unknown): void {
    const p = ProfileRow.parse(raw)
    this.gender.set(p._id, p.gender)
  }

  stint(raw: unknown): void {
    this.stints.push(StintRow.parse(raw))
  }

  /** An aid application: counted once paid (发放). */
  application(raw: unknown): void {
    if (z.object({ stage: z.string() }).parse(raw).stage !== 'disbursed') return
    const a = PaidRow.parse(raw)
    this.add({ path: a.unionPath, year: a.year, deltas: aidDeltas(a) })
  }

  file(raw: unknown): void {
    const f = FileRow.parse(raw)
    this.add({ path: f.unionPath, year: yearOf(f.filedAt), deltas: { [C.filesOpened]: 1 } })
    if (f.status === 'closed' && f.closedAt) this.add({ path: f.unionPath, year: yearOf(f.closedAt), deltas: { [C.filesClosed]: 1 } })
  }

  event(raw: unknown): void {
    const e = EventRow.parse(raw)
    this.events.set(e._id, e)
    if (e.status === 'finished') this.add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'sessions'), e.startAt) })
  }

  /** A sign-up: counted once checked in (签到). */
  signup(raw: unknown): void {
    const s = z.object({ eventId: z.string(), checkedInAt: z.date().nullable().default(null) }).parse(raw)
    if (s.checkedInAt) this.checkIns.push(s.eventId)
  }

  /** The documents of union_stats, as `set` writes them. */
  docs(): Array<{ _id: string; unionId: string; year: number; counters: Deltas }> {
    for (const s of this.stints.splice(0)) {
      const g = this.gender.get(s.openid) ?? null
      this.add({ path: s.unionPath, year: yearOf(s.from), deltas: openedDeltas(s, g) })
      if (s.status !== 'active' && s.status !== 'retained') this.add({ path: s.unionPath, year: yearOf(s.to ?? s.updatedAt), deltas: closedDeltas(s.status, g, s.migrant) })
    }
    for (const eventId of this.checkIns.splice(0)) {
      const e = this.events.get(eventId)
      if (e) this.add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'attendance'), e.startAt) })
    }
    return [...this.acc.entries()].map(([_id, d]) => ({ _id, unionId: d.unionId, year: d.year, counters: Object.fromEntries(Object.entries(d.deltas).filter(([, v]) => v !== 0)) }))
  }
}

/**
 * 年度数据 counted again from the records themselves: unions, stints (with the members' gender and the stint's 农民工 mark), paid aid,
 * hardship files, events held and check-ins. After a rebuild the totals equal the records. Used to start
 * counting on existing data (a deployment that had records before union_stats) and by the tests as the
 * count taken from the records. Every read goes through an index: stints union by union (their profiles
 * by id, a page at a time), check-ins event by event, on `_id` range cursors. Not atomic with concurrent
 * work: run it when the union is quiet.
 */
export async function rebuildStats(db: Database): Promise<{ documents: number; members: number; unions: number }> {
  const b = new StatsBuilder()
  const _ = db.command
  const Loose = z.looseObject({ _id: z.string() })
  const each = (collection: string, where: object, visit: (page: Array<z.output<typeof Loose>>) => void | Promise<void>) => eachPage(db, collection, where, Loose, visit)

  const unionIds: string[] = []
  const unions = await each('unions', {}, (page) => {
    for (const r of page) {
      unionIds.push(r._id)
      b.union(r)
    }
  })
  let members = 0
  for (const unionId of unionIds) {
    members += await each('memberships', { unionId }, async (page) => {
      page.forEach((r) => b.stint(r))
      const openids = [...new Set(page.map((r) => z.object({ openid: z.string() }).parse(r).openid))]
      if (openids.length > 0) (await findMany(db.collection('member_profiles').where({ _id: _.in(openids) }), Loose, MAX_PAGE)).forEach((r) => b.profile(r))
    })
  }
  await each(AID.applications, { stage: 'disbursed' }, (page) => page.forEach((r) => b.application(r)))
  await each(AID.files, {}, (page) => page.forEach((r) => b.file(r)))
  const eventIds: string[] = []
  await each(EV.events, {}, (page) => {
    for (const r of page) {
      eventIds.push(r._id)
      b.event(r)
    }
  })
  for (const eventId of eventIds) await each(EV.signups, { eventId, checkedInAt: _.neq(null) }, (page) => page.forEach((r) => b.signup(r)))
  const docs = b.docs()

  await db.collection(STATS).where({ year: _.gte(0) }).remove()
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    await Promise.all(docs.slice(i, i + WRITE_BATCH).map((d) => db.collection(STATS).doc(d._id).set({ data: { unionId: d.unionId, year: d.year, ...d.counters } })))
  }
  return { documents: docs.length, members, unions }
}

/** The union_stats documents of a set of records given as collections of documents (the local seed). */
export function statsOfRecords(records: Record<string, ReadonlyArray<unknown>>): Array<Record<string, unknown>> {
  const b = new StatsBuilder()
  const feed = (collection: string, visit: (raw: unknown) => void) => (records[collection] ?? []).forEach(visit)
  feed('unions', (r) => b.union(r))
  feed('member_profiles', (r) => b.profile(r))
  feed('memberships', (r) => b.stint(r))
  feed(AID.applications, (r) => b.application(r))
  feed(AID.files, (r) => b.file(r))
  feed(EV.events, (r) => b.event(r))
  feed(EV.signups, (r) => b.signup(r))
  return b.docs().map((d) => ({ _id: d._id, unionId: d.unionId, year: d.year, ...d.counters }))
}
