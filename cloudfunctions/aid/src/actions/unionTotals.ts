import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { loadUnion } from '../../../../server/aid/config'
import type { aidActions } from '../../../../shared/aid/actions'
import { SchemeCode, schemeLabel } from '../../../../shared/aid/config'
import { ApplicationDoc } from '../../../../shared/aid/records'

const PAGE = 100
/** A run reads at most this many pages; a union with more applications in a year is shown as partial. */
const MAX_PAGES = 20
const APPROVED = new Set(['publicized', 'objection', 'awaiting_payment', 'disbursed'])

/** 帮扶统计 for a chair (their union) or staff (any union in their subtree): applications, approvals and amounts by scheme. */
export const unionTotals: Handler<typeof aidActions.unionTotals> = async ({ unionId, year }, ctx) => {
  const union = await loadUnion(ctx.db, unionId)
  const allowed = ctx.grants.some((g) => (g.role === 'staff' ? union.path.includes(g.unionId) : (g.role === 'chair' || g.role === 'vice_chair') && g.unionId === union._id))
  if (!allowed) throw new AppError('FORBIDDEN', '只有本工会主席和上级工会可以查看帮扶统计')
  const totals = new Map(SchemeCode.options.map((code) => [code, { scheme: code, label: schemeLabel[code], applications: 0, approved: 0, approvedFen: 0, paidFen: 0 }]))
  const _ = ctx.db.command
  type Cursor = { at: number; id: string }
  const isAfter = (a: ApplicationDoc, c: Cursor | null): boolean => c === null || a.createdAt.getTime() > c.at || (a.createdAt.getTime() === c.at && a._id > c.id)
  let cursor: Cursor | null = null
  let partial = false
  for (let page = 0; page < MAX_PAGES; page++) {
    const range: object[] = cursor === null ? [] : [{ createdAt: _.gte(new Date(cursor.at)) }]
    const batch: ApplicationDoc[] = await findMany(
      ctx.db.collection(AID.applications).where(_.and([{ unionPath: unionId, year }, ...range])).orderBy('createdAt', 'asc').orderBy('_id', 'asc'),
      ApplicationDoc,
      PAGE,
    )
    const seen: Cursor | null = cursor
    const fresh = batch.filter((a) => isAfter(a, seen))
    for (const app of fresh) {
      const t = totals.get(app.scheme)
      if (!t) continue
      t.applications += 1
      if (APPROVED.has(app.stage)) {
        t.approved += 1
        t.approvedFen += app.amountFen
      }
      if (app.stage === 'disbursed') t.paidFen += app.amountFen
    }
    const last = batch[batch.length - 1]
    if (batch.length < PAGE || !last) break
    // a page full of one instant cannot move the cursor: stop and say the figures are partial
    if (fresh.length === 0 || page === MAX_PAGES - 1) {
      partial = true
      break
    }
    cursor = { at: last.createdAt.getTime(), id: last._id }
  }
  const schemes = [...totals.values()]
  return {
    unionId: union._id,
    unionName: union.name,
    year,
    schemes,
    total: schemes.reduce((s, t) => ({ applications: s.applications + t.applications, approved: s.approved + t.approved, approvedFen: s.approvedFen + t.approvedFen, paidFen: s.paidFen + t.paidFen }), { applications: 0, approved: 0, approvedFen: 0, paidFen: 0 }),
    partial,
  }
}
