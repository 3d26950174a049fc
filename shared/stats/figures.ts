import { z } from 'zod'
import { SchemeCode, schemeLabel, type SchemeCode as Scheme } from '../aid/config'
import { SchoolStage, schoolStageLabel, type SchoolStage as Stage } from '../aid/household'
import { EventKind, eventKindLabel, type EventKind as Kind } from '../events/schemas'
import { UnionId } from '../union/schemas'

/**
 * 年度数据: running totals kept in `union_stats`, one document per union and year (`<unionId>:<year>`),
 * raised for the union and each of its ancestors in the same transaction as the record they count, so a
 * subtree's year is one document and its totals one query over its years.
 *
 * Every counter is a flow within the year. Stocks (members, unions at year end) are the sum of the
 * year's and earlier years' ins minus outs; records from before any counting (seed, migration) sit in the
 * year they carry, or in BASE_YEAR when they carry none.
 */
export const STATS = 'union_stats'
export const statsId = (unionId: string, year: number): string => `${unionId}:${year}`
/** where a union without a founding date counts (seeded and migrated unions): before any real year */
export const BASE_YEAR = 1970

/** Counter names: flat top-level fields, so `_.inc` and a first `set` write the same shape. */
export const C = {
  /** grassroots unions founded (registered or founding approved) and dissolved (注销) */
  unionsNew: 'unionsNew',
  unionsDissolved: 'unionsDissolved',
  /** stints opened at the union (any way) and closed (any way) */
  membersIn: 'membersIn',
  membersOut: 'membersOut',
  /** 新入会: a stint opened by joining (入会时间 = the stint's start) */
  membersNew: 'membersNew',
  /** 转入 / 转出 (会籍接转, and members moved by a 注销) */
  transfersIn: 'transfersIn',
  transfersOut: 'transfersOut',
  /** 退会 */
  membersLeft: 'membersLeft',
  /** 除名 and any other close */
  membersExpelled: 'membersExpelled',
  womenIn: 'womenIn',
  womenOut: 'womenOut',
  womenNew: 'womenNew',
  /** 农民工 members, by the stint's own mark: in, out, and 新入会 */
  migrantsIn: 'migrantsIn',
  migrantsOut: 'migrantsOut',
  migrantsNew: 'migrantsNew',
  /** 困难职工档案 建档 (filed or reopened) and 退档 */
  filesOpened: 'filesOpened',
  filesClosed: 'filesClosed',
} as const

/** 帮扶 paid (发放), by scheme: 人次 and 金额 in fen. */
export const aidKey = (scheme: Scheme, what: 'persons' | 'fen'): string => `aid_${scheme}_${what}`
/** 金秋助学 students paid, by school stage. */
export const schoolKey = (stage: Stage, what: 'students' | 'fen'): string => `school_${stage}_${what}`
/** 活动: 场次 (events held, counted when they finish) and 人次 (check-ins), by kind. */
export const eventKey = (kind: Kind, what: 'sessions' | 'attendance'): string => `events_${kind}_${what}`
/** The same counter for one month of the year (1..12), for the 工作台's "this month". */
export const monthKey = (key: string, month: number): string => `${key}_m${String(month).padStart(2, '0')}`

export type Deltas = Record<string, number>

/** A stats document as stored: counters beside the union and year (a missing counter is 0). */
export const StatsDoc = z.looseObject({ _id: z.string(), unionId: z.string(), year: z.number().int() })
export type StatsDoc = z.infer<typeof StatsDoc>

/** A counter of a document, 0 when it was never raised. */
export function counter(doc: Record<string, unknown> | null | undefined, key: string): number {
  const v = doc?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

export const YearFiguresInput = z.object({
  unionId: UnionId,
  year: z.number({ error: '请选择年份' }).int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确'),
})

const Int = z.number().int()
export const YearFigures = z.object({
  unionId: z.string(),
  unionName: z.string(),
  year: z.number().int(),
  /** years that have figures, newest first, for the year switcher */
  years: z.array(z.number().int()),
  unions: z.object({ total: Int, new: Int, dissolved: Int }),
  members: z.object({ total: Int, new: Int, women: Int, womenNew: Int, migrants: Int, migrantsNew: Int, left: Int, expelled: Int }),
  transfers: z.object({ in: Int, out: Int }),
  aid: z.array(z.object({ scheme: SchemeCode, label: z.string(), persons: Int, fen: Int })),
  school: z.array(z.object({ stage: SchoolStage, label: z.string(), students: Int, fen: Int })),
  warmth: z.object({ persons: Int, fen: Int }),
  events: z.array(z.object({ kind: EventKind, label: z.string(), sessions: Int, attendance: Int })),
  files: z.object({ opened: Int, closed: Int }),
})
export type YearFigures = z.infer<typeof YearFigures>

/** 金秋助学 stages that can be paid (high school and college levels). */
export const SCHOOL_STAGES: readonly Stage[] = ['highSchool', 'secondaryVocational', 'vocationalCollege', 'undergraduate', 'postgraduate']

/** The year's tables from the year's document and the sum of all years up to it (for the stocks). */
export function yearFigures(union: { _id: string; name: string }, year: number, docs: readonly Record<string, unknown>[], years: number[]): YearFigures {
  const thisYear = docs.find((d) => d.year === year) ?? null
  const upTo = (key: string) => docs.filter((d) => typeof d.year === 'number' && d.year <= year).reduce((s, d) => s + counter(d, key), 0)
  const y = (key: string) => counter(thisYear, key)
  return {
    unionId: union._id,
    unionName: union.name,
    year,
    years,
    unions: { total: upTo(C.unionsNew) - upTo(C.unionsDissolved), new: y(C.unionsNew), dissolved: y(C.unionsDissolved) },
    members: {
      total: upTo(C.membersIn) - upTo(C.membersOut),
      new: y(C.membersNew),
      women: upTo(C.womenIn) - upTo(C.womenOut),
      womenNew: y(C.womenNew),
      migrants: upTo(C.migrantsIn) - upTo(C.migrantsOut),
      migrantsNew: y(C.migrantsNew),
      left: y(C.membersLeft),
      expelled: y(C.membersExpelled),
    },
    transfers: { in: y(C.transfersIn), out: y(C.transfersOut) },
    aid: SchemeCode.options.map((scheme) => ({ scheme, label: schemeLabel[scheme], persons: y(aidKey(scheme, 'persons')), fen: y(aidKey(scheme, 'fen')) })),
    school: SCHOOL_STAGES.map((stage) => ({ stage, label: schoolStageLabel[stage], students: y(schoolKey(stage, 'students')), fen: y(schoolKey(stage, 'fen')) })),
    warmth: { persons: y(aidKey('warmth', 'persons')), fen: y(aidKey('warmth', 'fen')) },
    events: EventKind.options.map((kind) => ({ kind, label: eventKindLabel[kind], sessions: y(eventKey(kind, 'sessions')), attendance: y(eventKey(kind, 'attendance')) })),
    files: { opened: y(C.filesOpened), closed: y(C.filesClosed) },
  }
}

/**
 * A rebuild runs a bounded slice per call (server/stats/rebuild.ts): it counts the records into a staging
 * collection, then swaps the staging documents in. The caller calls again with the answer's runId until done.
 */
export const STATS_STAGING = 'union_stats_staging'
/** The one rebuild under way (or the last): its phase and cursor, document `run`. */
export const STATS_REBUILD = 'stats_rebuild'
export const RebuildPhase = z.enum(['clear', 'unions', 'stints', 'aid', 'files', 'events', 'prune', 'copy', 'done'])
export type RebuildPhase = z.infer<typeof RebuildPhase>
/** While the rebuilt documents are being put in place, the figures are read from staging: never a mix of old and new. */
export const SWAPPING: readonly RebuildPhase[] = ['prune', 'copy']

/** no runId: start a rebuild (or finish the swap of one that reached it); with the runId an answer gave: go on */
export const RebuildStatsInput = z.object({ runId: z.string().min(1).max(64).optional() })
export const RebuiltStats = z.object({ runId: z.string(), done: z.boolean(), phase: RebuildPhase, documents: Int, members: Int, unions: Int, ms: Int })

export const ExportYearInput = YearFiguresInput
export const ExportYearResult = z.object({ url: z.string(), fileName: z.string(), expiresAt: z.coerce.date() })
