/** 会费: pure rules for the monthly membership dues shown to a member. Money is integer fen. */

/** 0.5% of monthly wage (《工会会费缴纳规定》); expressed as a divisor to stay in integers. */
const DUES_DIVISOR = 200
/** 工资尾数不足十元的不计缴: the wage is counted in whole 10-yuan steps. */
const COUNTED_STEP_FEN = 1000
/** A wage above this is almost certainly a typo (yuan entered as fen ×100); 1,000,000 yuan. */
export const MAX_WAGE_FEN = 100_000_000

export type DuesExemption = 'retained' | 'hardship'

export const duesExemptionLabel: Record<DuesExemption, string> = {
  retained: '保留会籍期间不缴纳会费',
  hardship: '困难职工，经工会批准可减免会费',
}

export interface DuesQuote {
  /** the wage actually counted: floored to a multiple of 10 yuan */
  countedWageFen: number
  /** what the member pays this month (0 when exempt) */
  duesFen: number
  /** what the dues would be without an exemption */
  standardDuesFen: number
  exemption: DuesExemption | null
}

/** The wage that counts for dues: the tail under 10 yuan is dropped. */
export function countedWageFen(wageFen: number): number {
  if (!Number.isInteger(wageFen) || wageFen < 0) throw new RangeError('工资必须是非负的整数（分）')
  return Math.floor(wageFen / COUNTED_STEP_FEN) * COUNTED_STEP_FEN
}

/**
 * Monthly dues for a member. The counted wage is a multiple of 1000 fen, so 0.5% of it is
 * always a whole number of fen (a multiple of 5): no rounding happens.
 */
export function quoteDues(input: { wageFen: number; retained?: boolean; hardship?: boolean }): DuesQuote {
  const counted = countedWageFen(input.wageFen)
  const standardDuesFen = counted / DUES_DIVISOR
  // retained membership pays nothing (保留会籍期间免缴); it wins over hardship because it is not discretionary
  const exemption: DuesExemption | null = input.retained ? 'retained' : input.hardship ? 'hardship' : null
  return { countedWageFen: counted, standardDuesFen, duesFen: exemption ? 0 : standardDuesFen, exemption }
}

/** 2500 → '25.00': shown to people as yuan with two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Parses what a person types as a yuan amount ('5009', '5009.5', '5,009.50') into fen,
 * or null when it is not a plain non-negative amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '')
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return fen <= MAX_WAGE_FEN ? fen : null
}
