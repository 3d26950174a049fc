import { z } from 'zod'
import { Role } from '../domain/union'
import { CalendarDate } from './household'
import { Fen } from './money'

/**
 * 帮扶方案配置: every number that differs by province or city is data a federation sets
 * (domain.md A10, D7) — 低保 per region, windows, amounts, caps in months of 低保, documents,
 * the approval chain and the 公示 length. Rules in this folder only read it.
 */

export const SchemeCode = z.enum(['living', 'medical', 'school', 'warmth'], { error: '请选择帮扶项目' })
export type SchemeCode = z.infer<typeof SchemeCode>
export const schemeLabel: Record<SchemeCode, string> = {
  living: '生活救助',
  medical: '医疗救助',
  school: '金秋助学',
  warmth: '送温暖',
}

/** 困难类别 (全总 three-tier scheme, domain.md A7). */
export const HardshipLevel = z.enum(['deep', 'relative', 'accident'])
export type HardshipLevel = z.infer<typeof HardshipLevel>
export const hardshipLevelLabel: Record<HardshipLevel, string> = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
}

/** 'MM-DD' in China's calendar. */
export const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应为 月-日，例如 07-01')
/** 申请时间: every year from `start` to `end` inclusive (may run over New Year); null = all year. */
export const AidWindow = z.object({ start: MonthDay, end: MonthDay }).nullable()
export type AidWindow = z.infer<typeof AidWindow>

const Months = z.number().int().min(0).max(24)
const Percent = z.number().int().min(0).max(100)

/** How a scheme's amount is worked out. */
export const AmountRule = z.discriminatedUnion('type', [
  /** 金秋助学: by school level, more for a family already on file (Tianmen 2024: 5000/3000, otherwise 4000/2000) */
  z.object({
    type: z.literal('byEducation'),
    onFile: z.object({ college: Fen, highSchool: Fen }),
    notOnFile: z.object({ college: Fen, highSchool: Fen }),
  }),
  /** 生活救助: N months of local 低保 by hardship level */
  z.object({ type: z.literal('monthsOfDibao'), months: z.object({ deep: Months, relative: Months, accident: Months }) }),
  /** 医疗救助: a share of the self-paid medical costs, capped */
  z.object({ type: z.literal('shareOfCosts'), percent: z.object({ deep: Percent, relative: Percent, accident: Percent }), capFen: Fen }),
  /** 送温暖: one fixed amount per household */
  z.object({ type: z.literal('fixed'), amountFen: Fen }),
])
export type AmountRule = z.infer<typeof AmountRule>

export const SchemeEligibility = z.object({
  /** hardship levels that qualify by today's numbers */
  levels: z.array(HardshipLevel),
  /** a family already on file (建档) qualifies whatever today's numbers say (金秋助学 category 1, 送温暖) */
  onFileQualifies: z.boolean(),
  /** only families already on file (送温暖) */
  requiresFile: z.boolean(),
})
export type SchemeEligibility = z.infer<typeof SchemeEligibility>

/** One line of the document checklist (材料清单). */
export const DocumentItem = z.object({
  code: z.string().regex(/^[a-z][A-Za-z]{1,30}$/),
  label: z.string().min(1).max(30),
  required: z.boolean(),
  hint: z.string().max(60).default(''),
})
export type DocumentItem = z.infer<typeof DocumentItem>

/** Where a step of the chain sits, relative to the applicant's grassroots union. */
export const StepLevel = z.enum(['grassroots', 'street', 'federation'])
export type StepLevel = z.infer<typeof StepLevel>
export const ChainStepConfig = z.object({
  at: StepLevel,
  roles: z.array(Role).min(1),
  label: z.string().min(1).max(20),
  /** 入户调查: this step's approval needs a home-visit note first */
  homeVisit: z.boolean().default(false),
})
export type ChainStepConfig = z.infer<typeof ChainStepConfig>

export const SchemeConfig = z.object({
  code: SchemeCode,
  enabled: z.boolean(),
  window: AidWindow,
  eligibility: SchemeEligibility,
  amount: AmountRule,
  /** yearly cap as months of 低保 (per household, per student for 金秋助学); null = no cap beyond the amount rule */
  capMonthsOfDibao: Months.nullable(),
  /** schemes sharing a group pay one household only once a year between them (只能享受一种救助) */
  exclusiveGroup: z.enum(['hardship']).nullable(),
  documents: z.array(DocumentItem).max(12),
  chain: z.array(ChainStepConfig).min(1).max(4),
  /** 公示 length in working days; 0 = no 公示 */
  noticeWorkingDays: z.number().int().min(0).max(15),
})
export type SchemeConfig = z.infer<typeof SchemeConfig>

/** 最低生活保障标准 for one region, per person per month. */
export const RegionDibao = z.object({
  /** matched as a prefix of a union's region: '北京市朝阳区' covers '北京市朝阳区望京街道' */
  region: z.string().min(2).max(40),
  monthlyFen: Fen.refine((v) => v > 0, '低保标准必须大于0'),
  /** a placeholder the federation must replace with the published figure */
  isDemoValue: z.boolean(),
})
export type RegionDibao = z.infer<typeof RegionDibao>

/** The part of the configuration staff edit. */
export const AidConfigBody = z.object({
  dibao: z.array(RegionDibao).min(1, '请至少填写一个地区的低保标准').max(30),
  schemes: z.array(SchemeConfig).min(1).max(8),
  /** 困难农民工: months of (de facto) employment needed */
  migrantMinEmploymentMonths: z.number().int().min(0).max(60),
  /** 法定节假日 that are not working days (公示 and time limits skip them) */
  holidays: z.array(CalendarDate).max(60),
})
export type AidConfigBody = z.infer<typeof AidConfigBody>

/** As stored in `aid_config`; `_id` is the federation's union id. */
export const AidConfigDoc = AidConfigBody.extend({
  _id: z.string(),
  federationId: z.string(),
  version: z.number().int().min(1),
  updatedAt: z.date(),
  updatedBy: z.string(),
})
export type AidConfigDoc = z.infer<typeof AidConfigDoc>

export function schemeOf(config: Pick<AidConfigBody, 'schemes'>, code: SchemeCode): SchemeConfig | null {
  return config.schemes.find((s) => s.code === code && s.enabled) ?? null
}

/** The 低保 that applies to a union's region: the longest configured prefix wins; null when none matches. */
export function dibaoFor(config: Pick<AidConfigBody, 'dibao'>, region: string): RegionDibao | null {
  let best: RegionDibao | null = null
  for (const d of config.dibao) if (region.startsWith(d.region) && (!best || d.region.length > best.region.length)) best = d
  return best
}

/** Problems in a configuration that zod cannot see: duplicates and chains that skip the first desk. */
export function configProblems(body: AidConfigBody): Record<string, string> {
  const out: Record<string, string> = {}
  const codes = body.schemes.map((s) => s.code)
  codes.forEach((c, i) => {
    if (codes.indexOf(c) !== i) out[`schemes.${i}.code`] = `${schemeLabel[c]}重复配置了`
  })
  const regions = body.dibao.map((d) => d.region)
  regions.forEach((r, i) => {
    if (regions.indexOf(r) !== i) out[`dibao.${i}.region`] = `地区“${r}”重复了`
  })
  body.schemes.forEach((s, i) => {
    if (s.chain[0]?.at !== 'grassroots') out[`schemes.${i}.chain`] = '第一步应由基层工会初审'
    if (s.amount.type === 'byEducation' && s.code !== 'school') out[`schemes.${i}.amount`] = '按学段定额只适用于金秋助学'
    if (s.code === 'school' && s.amount.type !== 'byEducation') out[`schemes.${i}.amount`] = '金秋助学应按学段定额'
    const docCodes = s.documents.map((d) => d.code)
    docCodes.forEach((c, j) => {
      if (docCodes.indexOf(c) !== j) out[`schemes.${i}.documents.${j}.code`] = '材料重复了'
    })
  })
  return out
}
