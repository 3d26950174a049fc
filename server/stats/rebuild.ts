import { randomBytes } from 'crypto'
import { z } from 'zod'
import { SchemeCode } from '../../shared/aid/config'
import { SchoolStage } from '../../shared/aid/household'
import { EventKind } from '../../shared/events/schemas'
import { Gender } from '../../shared/membership/schemas'
import { AppError } from '../../shared/contract'
import { BASE_YEAR, RebuildPhase, STATS, STATS_REBUILD, STATS_STAGING, SWAPPING, StatsDoc, statsId, type Deltas } from '../../shared/stats/figures'
import type { Database } from '../context'
import { MAX_PAGE, findById, findMany, findOne, withoutId } from '../db'
import { runInTransaction, txGet, txUpdate } from '../requests/tx'
import { AID } from '../aid/collections'
import { EV } from '../events/collections'
import { aidDeltas, closedDeltas, openedDeltas, raise, withMonth, yearOf, type Part } from './tally'
import { C, eventKey } from '../../shared/stats/figures'

/** Writes in flight at once while documents are removed or put back. */
const WRITE_BATCH = 20

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
    const e = this.knowEvent(raw)
    if (e.status === 'finished') this.add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'sessions'), e.startAt) })
  }

  /** An event its check-ins are counted under, without counting it held (a slice resuming its check-ins). */
  knowEvent(raw: unknown): z.output<typeof EventRow> {
    const e = EventRow.parse(raw)
    this.events.set(e._id, e)
    return e
  }

  knows(eventId: string): boolean {
    return this.events.has(eventId)
  }

  /** A sign-up: counted once checked in (签到). */
  signup(raw: unknown): void {
    const s = z.object({ eventId: z.string(), checkedInAt: z.date().nullable().default(null) }).parse(raw)
    if (s.checkedInAt) this.checkIns.push(s.eventId)
  }

  /** Counts what waited for its member's gender or its event, once those have been fed. */
  private flush(): void {
    for (const s of this.stints.splice(0)) {
      const g = this.gender.get(s.openid) ?? null
      this.add({ path: s.unionPath, year: yearOf(s.from), deltas: openedDeltas(s, g) })
      if (s.status !== 'active' && s.status !== 'retained') this.add({ path: s.unionPath, year: yearOf(s.to ?? s.updatedAt), deltas: closedDeltas(s.status, g, s.migrant) })
    }
    for (const eventId of this.checkIns.splice(0)) {
      const e = this.events.get(eventId)
      if (e) this.add({ path: e.unionPath, year: yearOf(e.startAt), deltas: withMonth(eventKey(e.kind, 'attendance'), e.startAt) })
    }
  }

  /** How many union_stats documents the records fed so far touch. */
  size(): number {
    this.flush()
    return this.acc.size
  }

  /** The documents of union_stats, as `set` writes them. */
  docs(): Array<{ _id: string; unionId: string; year: number; counters: Deltas }> {
    this.flush()
    return [...this.acc.entries()].map(([_id, d]) => ({ _id, unionId: d.unionId, year: d.year, counters: Object.fromEntries(Object.entries(d.deltas).filter(([, v]) => v !== 0)) }))
  }
}

const Loose = z.looseObject({ _id: z.string() })
type Loose = z.output<typeof Loose>

/** Reading stops after this long in a call, so that its commit and answer come well inside the function's 20 s. */
const READ_BUDGET_MS = 3000
/** …and once the records read touch this many documents: one transaction raises them all. */
const DOCS_PER_CALL = 100
const RUN_DOC = 'run'

const Run = z.object({
  runId: z.string(),
  phase: RebuildPhase,
  /** stints: the union whose stints are being read; events: the event whose check-ins are ('' before the first) */
  parent: z.string(),
  /** `_id` range cursor inside the phase, or inside the parent's records */
  after: z.string(),
  /** raised by every call's commit: a second caller working from the same step is refused */
  step: z.number().int(),
  members: z.number().int(),
  unions: z.number().int(),
  documents: z.number().int(),
  startedAt: z.date(),
  updatedAt: z.date(),
})
type Run = z.output<typeof Run>
type Cursor = Pick<Run, 'phase' | 'parent' | 'after' | 'members' | 'unions' | 'documents'>

export interface RebuildProgress {
  runId: string
  done: boolean
  phase: RebuildPhase
  documents: number
  members: number
  unions: number
}

const PHASES = RebuildPhase.options
const progressOf = (run: Pick<Run, 'runId' | 'phase' | 'documents' | 'members' | 'unions'>): RebuildProgress => ({
  runId: run.runId,
  done: run.phase === 'done',
  phase: run.phase,
  documents: run.documents,
  members: run.members,
  unions: run.unions,
})

/** One page (≤ 100) of a collection on an `_id` range cursor (never skip). */
function page(db: Database, collection: string, where: object, after: string): Promise<Loose[]> {
  const _ = db.command
  return findMany(db.collection(collection).where(after ? { ...where, _id: _.gt(after) } : where).orderBy('_id', 'asc'), Loose, MAX_PAGE)
}

/** The document after `after` in `_id` order ('' : the first). */
async function nextAfter(db: Database, collection: string, after: string): Promise<Loose | null> {
  const [doc] = await findMany(db.collection(collection).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc'), Loose, 1)
  return doc ?? null
}

/** A full page: go on after its last; a short one ends the phase. */
function advance(c: Cursor, docs: readonly Loose[]): void {
  const last = docs[docs.length - 1]
  if (docs.length === MAX_PAGE && last) {
    c.after = last._id
    return
  }
  c.phase = PHASES[PHASES.indexOf(c.phase) + 1]
  c.parent = ''
  c.after = ''
}

async function inPages<T>(items: readonly T[], write: (item: T) => unknown): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_BATCH) await Promise.all(items.slice(i, i + WRITE_BATCH).map(async (item) => await write(item)))
}

/**
 * One read (with the profiles of the stints it read) and what it feeds or writes. The build phases only
 * feed `b` (the call's commit raises staging in one transaction); clear, prune and copy write as they go,
 * each write safe to repeat when a call dies before its commit.
 */
async function step(db: Database, c: Cursor, b: StatsBuilder): Promise<void> {
  const _ = db.command
  switch (c.phase) {
    case 'clear': {
      // always the first page: each removes what it read
      const docs = await page(db, STATS_STAGING, {}, '')
      if (docs.length > 0) await db.collection(STATS_STAGING).where({ _id: _.in(docs.map((d) => d._id)) }).remove()
      if (docs.length < MAX_PAGE) advance(c, docs)
      return
    }
    case 'unions': {
      const docs = await page(db, 'unions', {}, c.after)
      docs.forEach((r) => b.union(r))
      c.unions += docs.length
      return advance(c, docs)
    }
    case 'stints': {
      // union by union, so every read goes through an index (unionId), the profiles by id
      const docs = c.parent ? await page(db, 'memberships', { unionId: c.parent }, c.after) : []
      docs.forEach((r) => b.stint(r))
      const openids = [...new Set(docs.map((r) => z.object({ openid: z.string() }).parse(r).openid))]
      if (openids.length > 0) (await findMany(db.collection('member_profiles').where({ _id: _.in(openids) }), Loose, MAX_PAGE)).forEach((r) => b.profile(r))
      c.members += docs.length
      const last = docs[docs.length - 1]
      if (docs.length === MAX_PAGE && last) {
        c.after = last._id
        return
      }
      const next = await nextAfter(db, 'unions', c.parent)
      if (next) {
        c.parent = next._id
        c.after = ''
      } else advance(c, [])
      return
    }
    case 'aid': {
      const docs = await page(db, AID.applications, { stage: 'disbursed' }, c.after)
      docs.forEach((r) => b.application(r))
      return advance(c, docs)
    }
    case 'files': {
      const docs = await page(db, AID.files, {}, c.after)
      docs.forEach((r) => b.file(r))
      return advance(c, docs)
    }
    case 'events': {
      // event by event: counted held when entered, then its check-ins; a call resuming inside one reads it again
      if (c.parent && !b.knows(c.parent)) {
        const event = await findOne(db.collection(EV.events).where({ _id: c.parent }), Loose)
        if (event) b.knowEvent(event)
      }
      const docs = c.parent ? await page(db, EV.signups, { eventId: c.parent, checkedInAt: _.neq(null) }, c.after) : []
      docs.forEach((r) => b.signup(r))
      const last = docs[docs.length - 1]
      if (docs.length === MAX_PAGE && last) {
        c.after = last._id
        return
      }
      const next = await nextAfter(db, EV.events, c.parent)
      if (next) {
        b.event(next)
        c.parent = next._id
        c.after = ''
      } else advance(c, [])
      return
    }
    case 'prune': {
      // union_stats documents the records no longer produce go (a union:year with nothing left to count)
      const docs = await page(db, STATS, {}, c.after)
      const ids = docs.map((d) => d._id)
      const kept = ids.length > 0 ? new Set((await findMany(db.collection(STATS_STAGING).where({ _id: _.in(ids) }), Loose, MAX_PAGE)).map((d) => d._id)) : new Set<string>()
      const gone = ids.filter((id) => !kept.has(id))
      if (gone.length > 0) await db.collection(STATS).where({ _id: _.in(gone) }).remove()
      return advance(c, docs)
    }
    case 'copy': {
      const docs = await findMany(db.collection(STATS_STAGING).where(c.after ? { _id: _.gt(c.after) } : {}).orderBy('_id', 'asc'), StatsDoc, MAX_PAGE)
      await inPages(docs, (d) => db.collection(STATS).doc(d._id).set({ data: withoutId(d) }))
      c.documents += docs.length
      return advance(c, docs)
    }
    case 'done':
      return
  }
}

/**
 * 年度数据 counted again from the records themselves, a bounded slice per call: unions, stints (with the
 * members' gender and the stint's 农民工 mark), paid aid, hardship files, events held and check-ins. The
 * counts go into union_stats_staging (each call's in one transaction with its cursor, so a call that dies
 * leaves nothing half-counted), then replace union_stats page by page; while they do, the figures are read
 * from staging (server/stats/figures.ts), so nobody sees half old, half new. Each call reads for at most
 * READ_BUDGET_MS and answers where it stopped; the caller calls again with its runId until `done`.
 *
 * Without a runId a call starts a new rebuild (a swap under way is finished first: union_stats is then
 * half copied). Used to start counting on existing data (a deployment that had records before
 * union_stats) and by the tests as the count taken from the records. Not atomic with concurrent work:
 * run it when the union is quiet.
 */
export async function rebuildSlice(db: Database, opts: { runId?: string; now: Date; budgetMs?: number }): Promise<RebuildProgress> {
  const started = Date.now()
  const budget = opts.budgetMs ?? READ_BUDGET_MS
  const runs = db.collection(STATS_REBUILD)
  let run = await findById(runs, RUN_DOC, Run)
  if (opts.runId !== undefined) {
    if (!run || run.runId !== opts.runId) throw new AppError('CONFLICT', '这次重新统计已被新的一次取代，请重新开始')
  } else if (!run || !SWAPPING.includes(run.phase)) {
    run = { runId: randomBytes(8).toString('hex'), phase: 'clear', parent: '', after: '', step: 0, members: 0, unions: 0, documents: 0, startedAt: opts.now, updatedAt: opts.now }
    await runs.doc(RUN_DOC).set({ data: run })
  }
  if (run.phase === 'done') return progressOf(run)

  const c: Cursor = { phase: run.phase, parent: run.parent, after: run.after, members: run.members, unions: run.unions, documents: run.documents }
  const b = new StatsBuilder()
  const startPhase = run.phase
  // at least one step a call, however slow the machine, so every call moves on
  do {
    await step(db, c, b)
    // staging is whole before the swap starts: the call that finished counting commits first
    if (c.phase === 'prune' && startPhase !== 'prune') break
  } while (c.phase !== 'done' && Date.now() - started < budget && b.size() < DOCS_PER_CALL)

  const counted = new Map(b.docs().map((d) => [d._id, { unionId: d.unionId, year: d.year, deltas: d.counters }]))
  const from = run
  await runInTransaction(db, async (tx) => {
    const now = Run.pick({ runId: true, step: true }).loose().safeParse(await txGet(tx, STATS_REBUILD, RUN_DOC))
    if (!now.success || now.data.runId !== from.runId || now.data.step !== from.step) throw new AppError('CONFLICT', '重新统计正在别处继续，请稍后再看')
    await raise({ db }, tx, STATS_STAGING, counted)
    await txUpdate(tx, STATS_REBUILD, RUN_DOC, { ...c, step: from.step + 1, updatedAt: opts.now })
  })
  return progressOf({ ...c, runId: run.runId })
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
