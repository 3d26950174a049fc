import { AppError } from '../../shared/contract'
import type { RoleGrant } from '../../shared/domain/union'
import { SchemeCode } from '../../shared/aid/config'
import { EventKind } from '../../shared/events/schemas'
import { STATS, STATS_REBUILD, STATS_STAGING, SWAPPING, RebuildPhase, StatsDoc, aidKey, counter, eventKey, monthKey, yearFigures, type YearFigures } from '../../shared/stats/figures'
import { z } from 'zod'
import type { Ctx, Database } from '../context'
import { findById, findMany } from '../db'
import { loadFullUnion } from '../union/office'

/** A union has one document a year: a century of them fits one page. */
const YEARS_READ = 100

/** 年度数据 is for the union's own officers and the officers of any union above it; members see none of it. */
export const maySeeFigures = (grants: readonly RoleGrant[], target: { path: readonly string[] }): boolean =>
  grants.some((g) => g.role !== 'member' && target.path.includes(g.unionId))

/**
 * A union's years, newest first. While a rebuild puts its documents in place (server/stats/rebuild.ts),
 * union_stats is half old, half new: the figures come from the rebuild's staging, whole, instead. The
 * rebuild's state is read beside the years, so a view waits no longer for it.
 */
async function yearDocs(db: Database, unionId: string) {
  const years = (collection: string) => findMany(db.collection(collection).where({ unionId }).orderBy('year', 'desc'), StatsDoc, YEARS_READ)
  const [run, docs] = await Promise.all([findById(db.collection(STATS_REBUILD), 'run', z.object({ phase: RebuildPhase })), years(STATS)])
  return run && SWAPPING.includes(run.phase) ? years(STATS_STAGING) : docs
}

/** The union and all its years' documents (one query on unionId_year), for 年度数据 and the 工作台. */
export async function loadYears(ctx: Ctx, unionId: string) {
  const union = await loadFullUnion(ctx.db, unionId)
  if (!maySeeFigures(ctx.grants, union)) throw new AppError('FORBIDDEN', `只有${union.name}及上级工会的干部可以查看年度数据`)
  const docs = await yearDocs(ctx.db, unionId)
  return { union, docs }
}

/** The year's summary tables of a union and its subtree: two reads, whatever the subtree's size. */
export async function figuresOf(ctx: Ctx, unionId: string, year: number): Promise<YearFigures> {
  const { union, docs } = await loadYears(ctx, unionId)
  const years = docs.map((d) => d.year).filter((y) => y > 2000)
  return yearFigures(union, year, docs, years)
}

/**
 * The 工作台's figures from the union's running totals: one query over its years (the caller checked the
 * role) instead of counting a subtree's stints, which a 100,000-member subtree cannot afford per view.
 */
export async function workbenchFigures(ctx: Ctx, unionId: string, year: number, month: number) {
  const docs = await yearDocs(ctx.db, unionId)
  const f = yearFigures({ _id: unionId, name: '' }, year, docs, [])
  const doc = docs.find((d) => d.year === year) ?? null
  const sum = (keys: string[]) => keys.reduce((s, k) => s + counter(doc, k), 0)
  return {
    members: f.members.total,
    newThisYear: f.members.new,
    aidPersons: sum(SchemeCode.options.map((s) => aidKey(s, 'persons'))),
    aidFen: sum(SchemeCode.options.map((s) => aidKey(s, 'fen'))),
    sessionsThisMonth: sum(EventKind.options.map((k) => monthKey(eventKey(k, 'sessions'), month))),
    attendanceThisMonth: sum(EventKind.options.map((k) => monthKey(eventKey(k, 'attendance'), month))),
  }
}
