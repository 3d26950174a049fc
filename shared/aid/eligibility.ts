import { inChina } from '../date'
import { hardshipLevelLabel, type HardshipLevel } from './config'
import { rigidCostLabel, type CalendarDate, type HouseholdProfile, type WorkerFacts } from './household'
import { formatYuan } from './money'

/**
 * 困难职工认定 (全总 three tiers, Qingdao formula, domain.md A7):
 *   per-capita monthly income = (household annual income − rigid costs) ÷ 12 ÷ people living together;
 *   below 低保 → 深度困难; below 2 × 低保 → 相对困难 ("below" is strict: exactly 低保 is not 深度困难);
 *   costs of a sudden event over 80% of the household's annual income → 意外致困.
 * All arithmetic is integer fen; comparisons are done on whole numbers so no rounding decides a case.
 */

export interface HouseholdFigures {
  size: number
  annualIncomeFen: number
  rigidCostsFen: number
  /** annual income after rigid costs; negative when costs exceed income */
  netAnnualFen: number
  /** ⌊net ÷ 12 ÷ size⌋ in fen: ⌊x⌋ < n ⇔ x < n for a whole n, so comparing it with 低保 is exact */
  perCapitaMonthlyFen: number
  dibaoFen: number
  accidentCostsFen: number
}

type FigureSource = Pick<HouseholdProfile, 'members' | 'otherAnnualIncomeFen' | 'rigidCosts' | 'accidentCostsFen'>

export function householdFigures(h: FigureSource, dibaoFen: number): HouseholdFigures {
  if (h.members.length < 1) throw new RangeError('a household has at least one member')
  const size = h.members.length
  const annualIncomeFen = h.members.reduce((sum, m) => sum + m.monthlyIncomeFen * 12, 0) + h.otherAnnualIncomeFen
  const rigidCostsFen = h.rigidCosts.reduce((sum, c) => sum + c.annualFen, 0)
  const netAnnualFen = annualIncomeFen - rigidCostsFen
  return {
    size,
    annualIncomeFen,
    rigidCostsFen,
    netAnnualFen,
    perCapitaMonthlyFen: Math.floor(netAnnualFen / (12 * size)),
    dibaoFen,
    accidentCostsFen: h.accidentCostsFen,
  }
}

export const isBelowDibao = (f: HouseholdFigures): boolean => f.netAnnualFen < f.dibaoFen * 12 * f.size
export const isBelowTwiceDibao = (f: HouseholdFigures): boolean => f.netAnnualFen < 2 * f.dibaoFen * 12 * f.size
/** 意外致困 (Qingdao test): costs strictly over 80% of the annual household income. */
export const isAccidentOver80 = (f: HouseholdFigures): boolean => f.accidentCostsFen > 0 && f.accidentCostsFen * 5 > f.annualIncomeFen * 4

export function hardshipLevelOf(f: HouseholdFigures): HardshipLevel | null {
  if (isBelowDibao(f)) return 'deep'
  if (isBelowTwiceDibao(f)) return 'relative'
  if (isAccidentOver80(f)) return 'accident'
  return null
}

export interface HardshipAssessment {
  level: HardshipLevel | null
  figures: HouseholdFigures
  /** the working, line by line, in plain Chinese */
  lines: string[]
}

/** The check a worker can run on their own numbers: the level and how it was reached. */
export function assessHardship(h: FigureSource, dibao: { monthlyFen: number; isDemoValue: boolean; region: string }): HardshipAssessment {
  const f = householdFigures(h, dibao.monthlyFen)
  const level = hardshipLevelOf(f)
  const lines: string[] = []
  const earners = h.members.filter((m) => m.monthlyIncomeFen > 0).length
  lines.push(
    `家里共同生活${f.size}人，全年收入合计${formatYuan(f.annualIncomeFen)}` +
      (earners > 0 ? `（${earners}人有收入，按12个月算` + (h.otherAnnualIncomeFen > 0 ? `，另有其他收入${formatYuan(h.otherAnnualIncomeFen)}` : '') + '）。' : '。'),
  )
  const shownNet = Math.max(0, f.netAnnualFen)
  if (f.rigidCostsFen > 0) {
    const kinds = [...new Set(h.rigidCosts.filter((c) => c.annualFen > 0).map((c) => rigidCostLabel[c.kind]))].join('、')
    lines.push(
      `减去刚性支出${formatYuan(f.rigidCostsFen)}（${kinds}），` +
        (f.netAnnualFen >= 0 ? `剩下${formatYuan(f.netAnnualFen)}。` : '支出比收入还多，按0元计算。'),
    )
  } else {
    lines.push('没有填写看病、上学等刚性支出，收入不做扣减。')
  }
  lines.push(`${formatYuan(shownNet)} ÷ 12个月 ÷ ${f.size}人 = 每人每月${formatYuan(Math.max(0, f.perCapitaMonthlyFen))}。`)
  lines.push(
    `${dibao.region}低保标准是每人每月${formatYuan(f.dibaoFen)}，2倍是${formatYuan(f.dibaoFen * 2)}` +
      (dibao.isDemoValue ? '（演示数值，以当地民政部门公布的标准为准）。' : '。'),
  )
  if (isBelowDibao(f)) lines.push(`每人每月收入低于低保标准，属于“${hardshipLevelLabel.deep}”。`)
  else if (isBelowTwiceDibao(f)) lines.push(`每人每月收入不低于低保标准，但低于2倍低保，属于“${hardshipLevelLabel.relative}”。`)
  else lines.push('每人每月收入不低于2倍低保，按收入算不属于困难家庭。')
  if (f.accidentCostsFen > 0) {
    const eighty = Math.floor((f.annualIncomeFen * 4) / 5)
    const over = isAccidentOver80(f)
    lines.push(
      `近12个月因意外、突发事件或重病的支出${formatYuan(f.accidentCostsFen)}，` +
        (over ? `超过了家庭年收入的80%（${formatYuan(eighty)}）` : `没有超过家庭年收入的80%（${formatYuan(eighty)}）`) +
        (over && level === 'accident' ? `，属于“${hardshipLevelLabel.accident}”。` : '。'),
    )
  }
  return { level, figures: f, lines }
}

/** Whole months from a start date to `now`, on China's calendar (the same day next year is 12). */
export function employmentMonths(start: CalendarDate, now: Date): number {
  const [sy, sm, sd] = start.split('-').map(Number)
  const today = inChina(now)
  const months = (today.year() - sy) * 12 + (today.month() + 1 - sm) - (today.date() < sd ? 1 : 0)
  return Math.max(0, months)
}

/**
 * 困难农民工 (domain.md A7): long-term urban resident, union member, and at least
 * `minMonths` (usually 12) of (de facto) employment. Returns what is missing, in plain words.
 */
export function migrantProblems(worker: WorkerFacts, facts: { isMember: boolean; now: Date; minMonths: number }): string[] {
  if (!worker.isMigrant) return []
  const problems: string[] = []
  if (!facts.isMember) problems.push('农民工申请帮扶需要先加入工会，成为工会会员。')
  if (!worker.livesInCity) problems.push('帮扶的是长期在城镇务工居住的农民工，已回农村居住的不在帮扶范围。')
  if (worker.employmentStart === null) {
    problems.push(`需要在本单位连续工作满${facts.minMonths}个月（事实劳动关系也算），请填写开始工作的日期。`)
  } else {
    const months = employmentMonths(worker.employmentStart, facts.now)
    if (months < facts.minMonths) problems.push(`需要在本单位连续工作满${facts.minMonths}个月（事实劳动关系也算），您目前工作了${months}个月。`)
  }
  return problems
}
