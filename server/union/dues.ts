import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { MembershipRecord } from '../../shared/membership/records'
import { duesLineStatusLabel, duesRecordId, monthLabel, DuesRecord, DuesTotals, type DuesLine, type MyDues } from '../../shared/union/dues'
import type { RecordDuesInput } from '../../shared/union/dues'
import type { Ctx } from '../context'
import { findById, findMany, withoutId } from '../db'
import { runInTransaction, txGet, txSet } from '../requests/tx'
import { covers, exemptionsAt, exemptionView, exemptionId, EXEMPTIONS, ExemptionRecord } from './exemptions'
import { addUnionHistory } from './history'
import { loadFullUnion } from './office'

export const DUES = 'union_dues'
export const DUES_TOTALS = 'union_dues_totals'
/** The largest roster recorded in one action: one document of lines stays far under the database's size limit. */
export const DUES_ROSTER_MAX = 5000
const PAGE = 100

/** Every current stint of a union, page by page on (_id), at most DUES_ROSTER_MAX. */
export async function currentStints(ctx: Ctx, unionId: string): Promise<MembershipRecord[]> {
  const _ = ctx.db.command
  const all: MembershipRecord[] = []
  let after = ''
  for (;;) {
    const page = await findMany(
      ctx.db.collection('memberships').where({ unionId, status: _.in(['active', 'retained']), ...(after ? { _id: _.gt(after) } : {}) }).orderBy('_id', 'asc'),
      MembershipRecord,
      PAGE,
    )
    all.push(...page)
    if (all.length > DUES_ROSTER_MAX) throw new AppError('QUOTA', `会员超过${DUES_ROSTER_MAX}人，请分单位导入会费`)
    if (page.length < PAGE) return all
    after = page[page.length - 1]._id
  }
}

/**
 * 会费登记 for one month: every member on the roster paid `amountFen` by payroll deduction, except
 * the listed ones (免缴 with a reason such as hardship, or 未缴); retained members pay nothing
 * (保留会籍期间免缴). One document, one transaction with its history line; a month recorded
 * twice is refused, and so is an exception naming someone not on the roster.
 */
export async function recordDues(ctx: Ctx, input: z.output<typeof RecordDuesInput>) {
  const union = await loadFullUnion(ctx.db, input.unionId)
  const mayRecord = ctx.grants.some((g) => g.unionId === union._id && (g.role === 'chair' || g.role === 'vice_chair'))
  if (!mayRecord) throw new AppError('FORBIDDEN', `只有${union.name}的主席、副主席可以登记会费`)
  const [year, mon] = input.month.split('-').map(Number)
  const monthStart = new Date(Date.UTC(year, mon - 1, 1) - 8 * 3600 * 1000)
  if (monthStart.getTime() > ctx.now.getTime()) throw new AppError('INVALID_INPUT', '还没到这个月，不能登记会费', { month: '不能登记以后的月份' })
  const stints = await currentStints(ctx, union._id)
  const byNo = new Map(stints.map((s) => [s.memberNo, s]))
  const seen = new Set<string>()
  input.exceptions.forEach((e, i) => {
    if (!byNo.has(e.memberNo)) throw new AppError('INVALID_INPUT', `第${i + 1}条例外：会员编号${e.memberNo}不在本工会名册中`, { [`exceptions.${i}.memberNo`]: '不在本工会名册中' })
    if (seen.has(e.memberNo)) throw new AppError('INVALID_INPUT', `第${i + 1}条例外：会员编号${e.memberNo}重复`, { [`exceptions.${i}.memberNo`]: '重复' })
    seen.add(e.memberNo)
  })
  const exceptionOf = new Map(input.exceptions.map((e) => [e.memberNo, e]))
  const exempt = await exemptionsAt(ctx.db, union._id)
  const lines: DuesLine[] = stints.map((s) => {
    const e = exceptionOf.get(s.memberNo)
    if (e && s.status !== 'retained') return { memberNo: s.memberNo, amountFen: 0, status: e.status, reason: e.reason }
    return standingLine(s, input.month, exempt) ?? { memberNo: s.memberNo, amountFen: input.amountFen, status: 'paid', reason: '' }
  })
  if (!lines.length) throw new AppError('CONFLICT', '本工会名册中还没有会员，无需登记会费')
  const record = duesRecordOf(ctx, union, input.month, lines)
  await writeDuesMonths(ctx, union, [record], 'month')
  const count = (status: DuesLine['status']) => lines.filter((l) => l.status === status).length
  return { month: input.month, paid: count('paid'), exempt: count('exempt'), unpaid: count('unpaid'), totalFen: record.totalFen }
}

/** The line a member's standing decides by itself: 保留会籍 and the chair's hardship exemption are 免缴; null when she pays. */
export function standingLine(s: MembershipRecord, month: string, exempt: ReadonlyMap<string, ExemptionRecord>): DuesLine | null {
  if (s.status === 'retained') return { memberNo: s.memberNo, amountFen: 0, status: 'exempt', reason: '保留会籍期间免缴' }
  const hardship = exempt.get(s.memberNo)
  if (hardship && covers(hardship, month)) return { memberNo: s.memberNo, amountFen: 0, status: 'exempt', reason: `困难职工免缴：${hardship.reason}` }
  return null
}

export function duesRecordOf(ctx: Ctx, union: { _id: string; path: string[] }, month: string, lines: DuesLine[]): DuesRecord {
  return {
    _id: duesRecordId(union._id, month),
    unionId: union._id,
    unionPath: union.path,
    month,
    recordedBy: ctx.openid,
    recordedAt: ctx.now,
    lines,
    totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
  }
}

/**
 * Writes months of dues in one transaction with a history line each; a month already recorded refuses
 * the whole write, naming the month (`field` is the form field or file row the month came from). Every
 * federation above keeps the month's sums in the same transaction, so its 工作台 reads one document,
 * not its unions' records.
 */
export async function writeDuesMonths(ctx: Ctx, union: { _id: string; path: string[] }, records: readonly DuesRecord[], field: string, how = '登记'): Promise<void> {
  await runInTransaction(ctx.db, async (tx) => {
    for (const record of records) {
      if ((await txGet(tx, DUES, record._id)) !== null) throw new AppError('CONFLICT', `${monthLabel(record.month)}的会费已经登记过了，不能重复${how}`, { [field]: '这个月已登记' })
      await txSet(tx, DUES, record._id, withoutId(record))
      const count = (status: DuesLine['status']) => record.lines.filter((l) => l.status === status).length
      const added = { unions: 1, paid: count('paid'), exempt: count('exempt'), unpaid: count('unpaid'), totalFen: record.totalFen }
      for (const federationId of union.path.filter((id) => id !== union._id)) {
        const id = duesRecordId(federationId, record.month)
        const raw = await txGet(tx, DUES_TOTALS, id)
        const was = raw === null ? null : DuesTotals.parse({ _id: id, ...(raw as object) })
        const sum = (k: keyof typeof added) => (was?.[k] ?? 0) + added[k]
        const totals: DuesTotals = { _id: id, unionId: federationId, month: record.month, unions: sum('unions'), paid: sum('paid'), exempt: sum('exempt'), unpaid: sum('unpaid'), totalFen: sum('totalFen') }
        await txSet(tx, DUES_TOTALS, id, withoutId(totals))
      }
      await addUnionHistory(tx, { unionId: union._id, unionPath: union.path, at: ctx.now, actorOpenid: ctx.openid, action: 'record_dues', role: null, subjectOpenid: null, note: `${how}${monthLabel(record.month)}会费，${record.lines.length}人` })
    }
  })
}

const MONTHS_SHOWN = 24

export type DuesHistoryLine = MyDues['history'][number] & { reason: string }

/** A person's lines in the months recorded by the unions of her stints, newest first (at most MONTHS_SHOWN). */
export async function duesHistoryOf(ctx: Pick<Ctx, 'db'>, stints: readonly MembershipRecord[]): Promise<DuesHistoryLine[]> {
  const history: DuesHistoryLine[] = []
  // a member who left and came back has two stints at one union with the same number: read its months once
  const seen = new Set<string>()
  for (const s of stints) {
    if (seen.has(`${s.unionId}|${s.memberNo}`)) continue
    seen.add(`${s.unionId}|${s.memberNo}`)
    const records = await findMany(ctx.db.collection(DUES).where({ unionId: s.unionId }).orderBy('month', 'desc'), DuesRecord, MONTHS_SHOWN)
    for (const r of records) {
      const line = r.lines.find((l) => l.memberNo === s.memberNo)
      if (line) history.push({ month: r.month, monthLabel: monthLabel(r.month), unionName: s.unionName, amountFen: line.amountFen, status: line.status, statusLabel: duesLineStatusLabel[line.status], reason: line.reason })
    }
  }
  history.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0))
  return history.slice(0, MONTHS_SHOWN)
}

/** 我的会费: the caller's lines in the months recorded by the unions of her stints, newest first, 已缴至 and 免缴. */
export async function myDues(ctx: Ctx): Promise<MyDues> {
  const stints = await findMany(ctx.db.collection('memberships').where({ openid: ctx.openid }).orderBy('from', 'desc'), MembershipRecord, 20)
  // the reason line (例如 免缴的依据) is the union's note: the member sees the status, not the note
  const history = (await duesHistoryOf(ctx, stints)).map((l) => ({ month: l.month, monthLabel: l.monthLabel, unionName: l.unionName, amountFen: l.amountFen, status: l.status, statusLabel: l.statusLabel }))
  const settled = history.find((h) => h.status !== 'unpaid')
  const current = stints.find((s) => s.status === 'active' || s.status === 'retained')
  const exemption = current ? await findById(ctx.db.collection(EXEMPTIONS), exemptionId(current.unionId, current.memberNo), ExemptionRecord) : null
  return {
    paidThrough: settled ? settled.monthLabel : null,
    exemption: exemption && exemption.endedAt === null ? exemptionView(exemption) : null,
    history,
  }
}

