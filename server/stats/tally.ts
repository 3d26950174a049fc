import { z } from 'zod'
import type { SchemeCode } from '../../shared/aid/config'
import type { SchoolStage } from '../../shared/aid/household'
import { inChina } from '../../shared/date'
import type { EventKind } from '../../shared/events/schemas'
import type { Gender } from '../../shared/membership/schemas'
import { C, STATS, aidKey, eventKey, monthKey, schoolKey, statsId, type Deltas } from '../../shared/stats/figures'
import type { Ctx } from '../context'
import type { Transaction } from '../requests/tx'

const Updated = z.object({ stats: z.object({ updated: z.number() }) })

/** The year (China time) a moment counts in. */
export const yearOf = (at: Date): number => inChina(at).year()

export interface Part {
  /** the union's path: the root down to itself */
  path: readonly string[]
  year: number
  deltas: Deltas
}

/**
 * Raises the counters of `<union>:<year>` for the union and every ancestor (its `path`: the root down to
 * itself, three or four ids), inside the caller's transaction — or on the database itself, for the few
 * writes that have no transaction. One update per document, the parts that share an ancestor merged into
 * one; the first of a union's year sets the document instead.
 */
export async function tally(ctx: Pick<Ctx, 'db'>, w: Transaction, path: readonly string[], year: number, deltas: Deltas): Promise<void> {
  return tallyParts(ctx, w, [{ path, year, deltas }])
}

export async function tallyParts(ctx: Pick<Ctx, 'db'>, w: Transaction, parts: readonly Part[]): Promise<void> {
  const docs = new Map<string, { unionId: string; year: number; deltas: Deltas }>()
  for (const part of parts) {
    for (const unionId of part.path) {
      const id = statsId(unionId, part.year)
      const doc = docs.get(id) ?? { unionId, year: part.year, deltas: {} }
      for (const [k, v] of Object.entries(part.deltas)) doc.deltas[k] = (doc.deltas[k] ?? 0) + v
      docs.set(id, doc)
    }
  }
  await raise(ctx, w, STATS, docs)
}

/** Raises each document's counters by its deltas (sets it when it does not exist yet): in union_stats, or in a rebuild's staging. */
export async function raise(ctx: Pick<Ctx, 'db'>, w: Transaction, collection: string, docs: Map<string, { unionId: string; year: number; deltas: Deltas }>): Promise<void> {
  const _ = ctx.db.command
  for (const [id, { unionId, year, deltas }] of docs) {
    const entries = Object.entries(deltas).filter(([, v]) => v !== 0)
    if (entries.length === 0) continue
    const doc = w.collection(collection).doc(id)
    const res = Updated.parse(await doc.update({ data: Object.fromEntries(entries.map(([k, v]) => [k, _.inc(v)])) }))
    if (res.stats.updated === 0) await doc.set({ data: { unionId, year, ...Object.fromEntries(entries) } })
  }
}

/** `migrant` is the stint's own (carried from its application), so the close counts what the open counted. */
type Stint = { unionPath: readonly string[]; from: Date; joinedAt: Date; migrant: boolean }

/** A stint opened: 新入会 when it starts the membership (入会时间 = its start), else a transfer in. */
export function stintOpened(ctx: Pick<Ctx, 'db'>, tx: Transaction, stint: Stint, gender: Gender | null): Promise<void> {
  return tally(ctx, tx, stint.unionPath, yearOf(stint.from), openedDeltas(stint, gender))
}

export function openedDeltas(stint: Pick<Stint, 'from' | 'joinedAt' | 'migrant'>, gender: Gender | null): Deltas {
  const joined = stint.joinedAt.getTime() === stint.from.getTime()
  const woman = gender === 'female' ? 1 : 0
  const migrant = stint.migrant ? 1 : 0
  return {
    [C.membersIn]: 1,
    [C.womenIn]: woman,
    [C.migrantsIn]: migrant,
    ...(joined ? { [C.membersNew]: 1, [C.womenNew]: woman, [C.migrantsNew]: migrant } : { [C.transfersIn]: 1 }),
  }
}

/** A member moved from one stint to the next (转会, or 注销 moving members up): one write per union touched. */
export function stintMoved(ctx: Pick<Ctx, 'db'>, tx: Transaction, old: Pick<Stint, 'unionPath' | 'migrant'>, next: Stint, gender: Gender | null): Promise<void> {
  return tallyParts(ctx, tx, [
    { path: old.unionPath, year: yearOf(next.from), deltas: closedDeltas('transferred', gender, old.migrant) },
    { path: next.unionPath, year: yearOf(next.from), deltas: openedDeltas(next, gender) },
  ])
}

/** A stint closed at `at` with its final status: 转出, 退会, or 除名 (any other close). */
export function stintClosed(ctx: Pick<Ctx, 'db'>, tx: Transaction, stint: Pick<Stint, 'unionPath' | 'migrant'>, status: string, at: Date, gender: Gender | null): Promise<void> {
  return tally(ctx, tx, stint.unionPath, yearOf(at), closedDeltas(status, gender, stint.migrant))
}

export function closedDeltas(status: string, gender: Gender | null, migrant: boolean): Deltas {
  const why = status === 'transferred' ? C.transfersOut : status === 'left' ? C.membersLeft : C.membersExpelled
  return { [C.membersOut]: 1, [C.womenOut]: gender === 'female' ? 1 : 0, [C.migrantsOut]: migrant ? 1 : 0, [why]: 1 }
}

/** 帮扶发放: one 人次 and its amount under the scheme, and under the child's stage for 金秋助学. */
export function aidPaid(ctx: Pick<Ctx, 'db'>, tx: Transaction, app: { unionPath: readonly string[]; year: number; scheme: SchemeCode; amountFen: number; child: { stage: SchoolStage } | null }): Promise<void> {
  return tally(ctx, tx, app.unionPath, app.year, aidDeltas(app))
}

export function aidDeltas(app: { scheme: SchemeCode; amountFen: number; child: { stage: SchoolStage } | null }): Deltas {
  const d: Deltas = { [aidKey(app.scheme, 'persons')]: 1, [aidKey(app.scheme, 'fen')]: app.amountFen }
  if (app.scheme === 'school' && app.child) Object.assign(d, { [schoolKey(app.child.stage, 'students')]: 1, [schoolKey(app.child.stage, 'fen')]: app.amountFen })
  return d
}

/** An event held (场次), in the year and month it started. */
export function eventHeld(ctx: Pick<Ctx, 'db'>, tx: Transaction, event: { unionPath: readonly string[]; kind: EventKind; startAt: Date }): Promise<void> {
  return tally(ctx, tx, event.unionPath, yearOf(event.startAt), withMonth(eventKey(event.kind, 'sessions'), event.startAt))
}

/** One attendance (人次) at check-in, in the year and month the event started. */
export function attended(ctx: Pick<Ctx, 'db'>, tx: Transaction, event: { unionPath: readonly string[]; kind: EventKind; startAt: Date }): Promise<void> {
  return tally(ctx, tx, event.unionPath, yearOf(event.startAt), withMonth(eventKey(event.kind, 'attendance'), event.startAt))
}

export function withMonth(key: string, at: Date, n = 1): Deltas {
  return { [key]: n, [monthKey(key, inChina(at).month() + 1)]: n }
}

/** A grassroots union founded (registered, or its founding approved); federations are not counted. */
export function unionFounded(ctx: Pick<Ctx, 'db'>, tx: Transaction, union: { path: readonly string[]; level: string }, at: Date): Promise<void> {
  return union.level === 'grassroots' ? tally(ctx, tx, union.path, yearOf(at), { [C.unionsNew]: 1 }) : Promise.resolve()
}

export function unionDissolved(ctx: Pick<Ctx, 'db'>, tx: Transaction, union: { path: readonly string[]; level: string }, at: Date): Promise<void> {
  return union.level === 'grassroots' ? tally(ctx, tx, union.path, yearOf(at), { [C.unionsDissolved]: 1 }) : Promise.resolve()
}

/** 困难档案 建档 (filed or reopened) or 退档. */
export function fileChanged(ctx: Pick<Ctx, 'db'>, w: Transaction, file: { unionPath: readonly string[] }, change: 'opened' | 'closed', at: Date): Promise<void> {
  return tally(ctx, w, file.unionPath, yearOf(at), { [change === 'opened' ? C.filesOpened : C.filesClosed]: 1 })
}
