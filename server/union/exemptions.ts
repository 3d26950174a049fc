import { z } from 'zod'
import { monthLabel, type ExemptionView } from '../../shared/union/dues'
import type { Database } from '../context'
import { findMany } from '../db'

/**
 * `dues_exemptions`: a chair's hardship exemption from dues (会费减免), _id `<unionId>:<memberNo>`, one per
 * member and union; ending it keeps the document (endedAt) so the page can tell what was decided.
 */
export const EXEMPTIONS = 'dues_exemptions'

export const ExemptionRecord = z.object({
  _id: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  memberNo: z.string(),
  openid: z.string(),
  /** YYYY-MM: the first month exempt */
  from: z.string(),
  reason: z.string(),
  /** the member's open 困难档案 (aid_files) when the exemption was granted; null when she has none */
  hardshipFileId: z.string().nullable(),
  grantedBy: z.string(),
  grantedAt: z.date(),
  endedAt: z.date().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string(),
})
export type ExemptionRecord = z.infer<typeof ExemptionRecord>

export const exemptionId = (unionId: string, memberNo: string): string => `${unionId}:${memberNo}`

/** The exemptions in force at a union (members of one union: far fewer than its roster). */
export async function exemptionsAt(db: Database, unionId: string): Promise<Map<string, ExemptionRecord>> {
  const found: ExemptionRecord[] = []
  let after = ''
  for (;;) {
    const _ = db.command
    const page = await findMany(db.collection(EXEMPTIONS).where({ unionId, endedAt: null, ...(after ? { _id: _.gt(after) } : {}) }).orderBy('_id', 'asc'), ExemptionRecord, 100)
    found.push(...page)
    if (page.length < 100) break
    after = page[page.length - 1]._id
  }
  return new Map(found.map((e) => [e.memberNo, e]))
}

/** Does the exemption cover `month` (YYYY-MM)? */
export const covers = (e: ExemptionRecord, month: string): boolean => e.endedAt === null && e.from <= month

export const exemptionView = (e: ExemptionRecord): ExemptionView => ({
  fromLabel: `${monthLabel(e.from)}起`,
  reason: e.reason,
  hardshipFile: e.hardshipFileId !== null,
  grantedAt: e.grantedAt,
})
