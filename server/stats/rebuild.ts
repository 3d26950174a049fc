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
async function eachPage<S extends z.ZodType<{ _id: string }>>(db: Database, collection: string, where: object, schema: S, visit: (docs: z.output<S>[]) => void): Promise<number> {
  const _ = db.command
  let after = ''
  let seen = 0
  for (;;) {
    const page = await findMany(
      db.collection(collection).where(after ? _.and([where, { _id: _.gt(after) }]) : where).orderBy('_id', 'asc'),
      schema,
      MAX_PAGE,
    )
    visit(page)
    seen += page.length
    const last: { _id: string } | undefined = page[page.length - 1]
    if (page.length < MAX_PAGE || !last) return seen
    after = last._id
  }
}

const UnionRow = z.object({ _id: z.string(), level: z.string(), path: z.array(z.string()), createdAt: z.date().nullable().default(null), dissolvedAt: z.date().nullable().default(null) })
const ProfileRow = z.object({ _id: z.string(), gender: Gender.nullable().default(null) })
const StintRow = z.object({ _id: z.string(), openid: z.string(), unionPath: z.array(z.string()), joinedAt: z.date(), from: z.date(), to: z.date().nullable(), status: z.string(), updatedAt: z.date() })
const PaidRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), year: z.number().int(), scheme: SchemeCode, amountFen: z.number().int(), child: z.object({ stage: SchoolStage }).nullable() })
const FileRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), status: z.string(), filedAt: z.date(), closedAt: z.date().nullable() })
const EventRow = z.object({ _id: z.string(), unionPath: z.array(z.string()), kind: EventKind, startAt: z.date(), status: z.string() })
const CheckInRow = z.object({ _id: z.string(), eventId: z.string() })

/**
 * 年度数据 counted again from the records themselves: unions, stints (with the members' gender), paid aid,
 * hardship files, events held and check-ins. The same rules as the running totals (server/stats/tally.ts),
 * so after a rebuild the totals equal the records. Used to start counting on existing data (seed, a
 * deployment that had records before union_stats) and by the tests as the count taken from the records.
 * Not atomic with concurrent work: run it when the union is quiet.
 */
export async function rebuildStats(db: Database): Promise<{ documents: number; members: number; unions: number }> {
  const docs = new Map<string, { unionId: string; year: number; deltas: Deltas }>()
  const add = (part: Part) => {
    for (const unionId of part.path) {
      const id = statsId(unionId, part.year)
      const doc = docs.get(id) ?? { unionId, year: part.year, deltas: {} }
      for (const [k, v] of Object.entries(part.deltas)) doc.deltas[k] = (doc.deltas[k] ?? 0) + v
      docs.set(id, doc)
    }
  }
  const _ = db.command

  const unions = await eachPage(db, 'unions', {}, UnionRow, (page) => {
    for (const u of page) {
      if (u.level !== 'grassroots') continue
      add({ path: u.path, year: u.createdAt ? yearOf(u.createdAt) : BASE_YEAR, deltas: { [C.unionsNew]: 1 } })
      if (u.dissolvedAt) add({ path: u.path, year: yearOf(u.dissolvedAt), deltas: { [C.unionsDissolved]: 1 } })
    }
  })

  const gender = new Map<string, Gender | null>()
  await eachPage(db, 'member_profiles', {}, ProfileRow, (page) => {
    for (const p of page) gender.set(p._id, p.gender)
  })
  const members = await eachPage(db, 'memberships', {}, StintRow, (page) => {
    for (const s of page) {
      const g = gender.get(s.openid) ?? null
      add({ path: s.unionPath, year: yearOf(s.from), deltas: openedDeltas(s, g) })
      if (s.status !== 'active' && s.status !== 'retained') add({ path: s.unionPath, year: yearOf(s.to ?? s.updatedAt), deltas: closedDeltas(s.status, g) })
    }
  })

  await eachPage(db, AID.applications, { stage: 'disbursed' }, PaidRow, (page) => {
    for (const a of page) add({ path: a.unionPath, year: a.year, deltas: aidDeltas(a) })
  })
  await eachPage(db, AID.files, {}, FileRow, (page) => {
    for (const f of page) {
      add({ path: f.unionPath, year: yearOf(f.filedAt), deltas: { [C.filesOpened]: 1 } })
      if (f.status === 'closed' && f.closedAt) add({ path: f.unionPath, year: yearOf(f.closedAt), deltas: { [C.filesClosed]: 1 } })
    }
  })

  const events = new Map<string, z.output<typeof EventRow>>()
  await eachPage(db, EV.events, {}, EventRow, (page) => {
    for (const e of page) {
      events.set(e._id, e)
      if (e.status === 'finished') add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'sessions'), e.startAt) })
    }
  })
  await eachPage(db, EV.signups, { checkedInAt: _.neq(null) }, CheckInRow, (page) => {
    for (const s of page) {
      const e = events.get(s.eventId)
      if (e) add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'attendance'), e.startAt) })
    }
  })

  await db.collection(STATS).where({ year: _.gte(0) }).remove()
  const all = [...docs.entries()]
  for (let i = 0; i < all.length; i += WRITE_BATCH) {
    await Promise.all(all.slice(i, i + WRITE_BATCH).map(([id, d]) => db.collection(STATS).doc(id).set({ data: { unionId: d.unionId, year: d.year, ...d.deltas } })))
  }
  return { documents: docs.size, members, unions }
}
