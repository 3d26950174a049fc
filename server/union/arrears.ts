import { DuesRecord } from '../../shared/union/dues'
import { ARREARS_MONTHS } from '../../shared/union/members'
import type { Database } from '../context'
import { findMany } from '../db'
import { DUES } from './dues'
import { exemptionsAt } from './exemptions'

/** 2025-03 → the month before, 2025-02 */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/**
 * 拟除名 at a union: the members whose last ARREARS_MONTHS recorded months are all 未缴 — consecutive
 * calendar months ending at the latest month recorded — and who hold no exemption. A month not
 * recorded breaks the run: nobody is proposed for expulsion on a gap in the union's own books.
 * Reads ARREARS_MONTHS documents (one per month), never the members one by one.
 */
export async function arrearsAt(db: Database, unionId: string): Promise<Set<string>> {
  const records = await findMany(db.collection(DUES).where({ unionId }).orderBy('month', 'desc'), DuesRecord, ARREARS_MONTHS)
  if (records.length < ARREARS_MONTHS) return new Set()
  for (let i = 1; i < records.length; i++) if (records[i].month !== previousMonth(records[i - 1].month)) return new Set()
  const unpaidIn = (r: DuesRecord): Set<string> => new Set(r.lines.filter((l) => l.status === 'unpaid').map((l) => l.memberNo))
  let unpaid = unpaidIn(records[0])
  for (const r of records.slice(1)) {
    const here = unpaidIn(r)
    unpaid = new Set([...unpaid].filter((no) => here.has(no)))
    if (unpaid.size === 0) return unpaid
  }
  // an exemption in force is the cause: the chair has decided she need not pay
  const exempt = await exemptionsAt(db, unionId)
  return new Set([...unpaid].filter((no) => !exempt.has(no)))
}
