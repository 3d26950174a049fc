import { hardshipLevelLabel, schemeLabel, type HardshipLevel, type SchemeConfig } from './config'
import { educationLevelLabel, type EducationLevel } from './household'
import { formatYuan } from './money'

/**
 * 救助标准: amounts per scheme and level (domain.md A10, A11), all from the federation's
 * configuration. Caps are months of 低保 where the rules say so (全总 2015: 生活救助 ≤ 12 months
 * per household per year, 助学 ≤ 10 months per student per year).
 */

export interface AmountFacts {
  level: HardshipLevel | null
  onFile: boolean
  /** 金秋助学 only */
  educationLevel?: EducationLevel | null
  /** 医疗救助 only: 自付医疗费用 */
  selfPaidMedicalFen?: number
  dibaoFen: number
  /** paid or committed this year for the same scheme (per child for 金秋助学) */
  alreadyThisYearFen?: number
}

export type AmountQuote = { ok: true; amountFen: number; lines: string[] } | { ok: false; problem: string }

const no = (problem: string): AmountQuote => ({ ok: false, problem })

/** The amount before any yearly cap, with its one-line explanation. */
function baseAmount(scheme: SchemeConfig, f: AmountFacts): AmountQuote {
  const rule = scheme.amount
  switch (rule.type) {
    case 'byEducation': {
      if (!f.educationLevel) return no('金秋助学资助在读高中（含中职）和大学（含高职高专、研究生）的学生。')
      const amountFen = (f.onFile ? rule.onFile : rule.notOnFile)[f.educationLevel]
      return {
        ok: true,
        amountFen,
        lines: [`孩子在读${educationLevelLabel[f.educationLevel]}，家庭${f.onFile ? '已建立困难职工档案' : '未建档但生活困难'}，资助${formatYuan(amountFen)}。`],
      }
    }
    case 'monthsOfDibao': {
      if (!f.level) return no(`${schemeLabel[scheme.code]}需要属于深度困难、相对困难或意外致困家庭。`)
      const months = rule.months[f.level]
      if (months === 0) return no(`${hardshipLevelLabel[f.level]}家庭不在${schemeLabel[scheme.code]}范围内。`)
      const amountFen = months * f.dibaoFen
      return { ok: true, amountFen, lines: [`${hardshipLevelLabel[f.level]}按${months}个月低保发放：${formatYuan(f.dibaoFen)} × ${months} = ${formatYuan(amountFen)}。`] }
    }
    case 'shareOfCosts': {
      if (!f.level) return no(`${schemeLabel[scheme.code]}需要属于深度困难、相对困难或意外致困家庭。`)
      const paid = f.selfPaidMedicalFen ?? 0
      if (paid <= 0) return no('请填写扣除医保报销后自己付的医疗费用。')
      const percent = rule.percent[f.level]
      const share = Math.floor((paid * percent) / 100)
      const amountFen = Math.min(share, rule.capFen)
      const lines = [`自付医疗费用${formatYuan(paid)}，${hardshipLevelLabel[f.level]}按${percent}%救助，为${formatYuan(share)}。`]
      if (share > rule.capFen) lines.push(`医疗救助每户每年最多${formatYuan(rule.capFen)}，按${formatYuan(rule.capFen)}发放。`)
      return { ok: true, amountFen, lines }
    }
    case 'fixed':
      return { ok: true, amountFen: rule.amountFen, lines: [`${schemeLabel[scheme.code]}每户${formatYuan(rule.amountFen)}。`] }
  }
}

/** The yearly cap of a scheme in fen, or null when it has none. */
export function yearlyCapFen(scheme: Pick<SchemeConfig, 'capMonthsOfDibao'>, dibaoFen: number): number | null {
  return scheme.capMonthsOfDibao === null ? null : scheme.capMonthsOfDibao * dibaoFen
}

/** The amount an application may be granted, capped by what is left of the yearly cap. */
export function quoteAmount(scheme: SchemeConfig, f: AmountFacts): AmountQuote {
  const base = baseAmount(scheme, f)
  if (!base.ok) return base
  const cap = yearlyCapFen(scheme, f.dibaoFen)
  if (cap === null) return base
  const already = f.alreadyThisYearFen ?? 0
  const room = Math.max(0, cap - already)
  const per = scheme.code === 'school' ? '每名学生' : '每户'
  if (room === 0) return no(`${schemeLabel[scheme.code]}${per}每年最多${scheme.capMonthsOfDibao}个月低保（${formatYuan(cap)}），今年的额度已经用完。`)
  if (base.amountFen <= room) return base
  return {
    ok: true,
    amountFen: room,
    lines: [
      ...base.lines,
      `${per}每年最多${scheme.capMonthsOfDibao}个月低保（${formatYuan(cap)}）` + (already > 0 ? `，今年已领${formatYuan(already)}` : '') + `，本次按${formatYuan(room)}发放。`,
    ],
  }
}
