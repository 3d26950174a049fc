import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { inChina } from '../../shared/date'
import { isStaffOver } from '../../shared/union/officers'
import { DuesRecord, DuesTotals, duesRecordId, monthLabel } from '../../shared/union/dues'
import type { Workbench } from '../../shared/union/workbench'
import type { Ctx } from '../context'
import { countDocs, findById, findMany } from '../db'
import { kindLabelOf } from '../requests/registry'
import { DUES, DUES_TOTALS } from './dues'
import { loadFullUnion } from './office'

const Waiting = z.object({ kind: z.string(), overdue: z.boolean() })
/** Requests read to group by kind (one more is asked to know there are more, and no query may pass 100). */
const WAITING_READ = 99

/**
 * 工作台 of a union's officers (their union) or federation staff (their subtree): requests waiting at
 * its desks by kind with the overdue ones, members and this year's new ones, this month's dues (a subtree's
 * from the running totals recordDues keeps).
 * Counts run on indexed fields; the year's full tables are 年度数据's job.
 */
export async function workbench(ctx: Ctx, unionId: string): Promise<Workbench> {
  const union = await loadFullUnion(ctx.db, unionId)
  const staff = isStaffOver(ctx.grants, union)
  const officer = ctx.grants.some((g) => g.unionId === union._id && g.role !== 'member')
  if (!staff && !officer) throw new AppError('FORBIDDEN', `只有${union.name}的工会干部和上级工会可以查看工作台`)
  const subtree = staff && union.level !== 'grassroots'
  const _ = ctx.db.command
  const desk = subtree ? { reviewUnionPath: union._id } : { reviewUnionId: union._id }
  const current = _.in(['active', 'retained'])
  const members = subtree ? { unionPath: union._id, status: current } : { unionId: union._id, status: current }
  const now = inChina(ctx.now)
  const yearStart = now.startOf('year').toDate()
  const month = now.format('YYYY-MM')
  const [waiting, memberCount, newThisYear, dues] = await Promise.all([
    findMany(ctx.db.collection('requests').where({ ...desk, closedAt: null, status: _.in(['submitted', 'in_review']) }).orderBy('submittedAt', 'asc'), Waiting, WAITING_READ + 1),
    countDocs(ctx.db.collection('memberships').where(members)),
    countDocs(ctx.db.collection('memberships').where({ ...members, from: _.gte(yearStart) })),
    subtree ? findById(ctx.db.collection(DUES_TOTALS), duesRecordId(union._id, month), DuesTotals) : findById(ctx.db.collection(DUES), duesRecordId(union._id, month), DuesRecord),
  ])
  const byKind = new Map<string, { count: number; overdue: number }>()
  for (const w of waiting.slice(0, WAITING_READ)) {
    const k = byKind.get(w.kind) ?? { count: 0, overdue: 0 }
    k.count++
    if (w.overdue) k.overdue++
    byKind.set(w.kind, k)
  }
  return {
    unionId: union._id,
    unionName: union.name,
    subtree,
    waiting: [...byKind.entries()]
      .map(([kind, k]) => ({ kind, label: kindLabelOf(kind), ...k }))
      .sort((a, b) => b.overdue - a.overdue || b.count - a.count),
    waitingMore: waiting.length > WAITING_READ,
    members: memberCount,
    newThisYear,
    year: now.year(),
    dues: !dues
      ? null
      : 'lines' in dues
        ? {
            month,
            monthLabel: monthLabel(month),
            paid: dues.lines.filter((l) => l.status === 'paid').length,
            unpaid: dues.lines.filter((l) => l.status === 'unpaid').length,
            totalFen: dues.totalFen,
          }
        : { month, monthLabel: monthLabel(month), paid: dues.paid, unpaid: dues.unpaid, totalFen: dues.totalFen, unions: dues.unions },
  }
}
