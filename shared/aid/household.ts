import { z } from 'zod'
import { findIdNumberProblem, idNumberMessages, normalizeIdNumber } from '../privacy/idNumber'
import { Fen } from './money'

/** A family member's ID number as the saved profile shows it (maskIdNumber): sent back unchanged, it keeps the stored number. */
export const MASKED_ID = /^[0-9]{4}\*{10}[0-9X]{4}$/

/**
 * 家庭情况: what the household tells us once and every application reuses (reconfirmed yearly).
 * Minimal on purpose (PIPL Art. 6): members are described by relation, age, school and health,
 * never by name; diagnoses and ID numbers are asked only on the application that needs them.
 */

export const Relation = z.enum(['self', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other'], {
  error: '请选择与本人的关系',
})
export type Relation = z.infer<typeof Relation>
export const relationLabel: Record<Relation, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他共同生活的人',
}

export const Health = z.enum(['healthy', 'chronic', 'serious', 'disabled'], { error: '请选择健康状况' })
export type Health = z.infer<typeof Health>
export const healthLabel: Record<Health, string> = {
  healthy: '健康',
  chronic: '慢性病',
  serious: '重大疾病',
  disabled: '残疾',
}

/** 在读学段. 金秋助学 covers 普通高中/中职 and 高职高专/本科/研究生 (domain.md A11). */
export const SchoolStage = z.enum(
  ['none', 'preschool', 'primary', 'juniorHigh', 'highSchool', 'secondaryVocational', 'vocationalCollege', 'undergraduate', 'postgraduate'],
  { error: '请选择在读学段' },
)
export type SchoolStage = z.infer<typeof SchoolStage>
export const schoolStageLabel: Record<SchoolStage, string> = {
  none: '不在上学',
  preschool: '幼儿园',
  primary: '小学',
  juniorHigh: '初中',
  highSchool: '普通高中',
  secondaryVocational: '中职（中专、技校）',
  vocationalCollege: '高职高专',
  undergraduate: '大学本科',
  postgraduate: '研究生',
}

/** The two 金秋助学 levels amounts are set for. */
export const EducationLevel = z.enum(['college', 'highSchool'])
export type EducationLevel = z.infer<typeof EducationLevel>
export const educationLevelLabel: Record<EducationLevel, string> = {
  college: '大学（含高职高专、研究生）',
  highSchool: '高中（含中职）',
}

/** Which 金秋助学 level a school stage counts as; null when the stage is not covered. */
export function educationLevelOf(stage: SchoolStage): EducationLevel | null {
  if (stage === 'vocationalCollege' || stage === 'undergraduate' || stage === 'postgraduate') return 'college'
  if (stage === 'highSchool' || stage === 'secondaryVocational') return 'highSchool'
  return null
}

export const HouseholdMember = z.object({
  relation: Relation,
  age: z.number({ error: '请填写年龄' }).int('年龄请填整数').min(0, '年龄不能小于0').max(120, '年龄不能超过120'),
  school: SchoolStage.default('none'),
  health: Health.default('healthy'),
  /** 每月到手收入 (after tax and social insurance), fen */
  monthlyIncomeFen: Fen.default(0),
  /**
   * An adult family member's ID number (配偶), optional: it finds the household another adult of the
   * family already filed, so spouses are one household. Stored only as a keyed hash and its masked
   * form; the saved profile comes back masked, and a masked value sent again keeps the number.
   */
  idNumber: z.string().trim().max(18, '身份证号是18位').optional(),
})
export type HouseholdMember = z.infer<typeof HouseholdMember>

/** 刚性支出: costs the family cannot avoid, deducted before comparing with 低保 (domain.md A7). */
export const RigidCostKind = z.enum(['medical', 'disability', 'schooling', 'work'], { error: '请选择支出类别' })
export type RigidCostKind = z.infer<typeof RigidCostKind>
export const rigidCostLabel: Record<RigidCostKind, string> = {
  medical: '看病自付费用',
  disability: '残疾康复和护理费用',
  schooling: '子女上学费用',
  work: '必要的就业支出',
}
export const RigidCost = z.object({ kind: RigidCostKind, annualFen: Fen })
export type RigidCost = z.infer<typeof RigidCost>

export const HardshipCause = z.enum(
  ['illness', 'disability', 'schooling', 'unemployment', 'unpaidWages', 'accident', 'disaster', 'lowIncome', 'singleParent', 'other'],
  { error: '请选择致困原因' },
)
export type HardshipCause = z.infer<typeof HardshipCause>
export const hardshipCauseLabel: Record<HardshipCause, string> = {
  illness: '本人或家人患病',
  disability: '本人或家人残疾',
  schooling: '子女上学负担重',
  unemployment: '失业或下岗',
  unpaidWages: '企业停产、欠发工资',
  accident: '意外事故',
  disaster: '自然灾害',
  lowIncome: '收入低',
  singleParent: '单亲家庭',
  other: '其他原因',
}

/** 'YYYY-MM-DD' as a person picks it from a date picker. */
export const CalendarDate = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number)
    const date = new Date(Date.UTC(y, m - 1, d))
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  }, '这一天不存在，请重新选择')
export type CalendarDate = z.infer<typeof CalendarDate>

/** 农民工 status and the facts the migrant-worker rule needs. */
export const WorkerFacts = z.object({
  isMigrant: z.boolean({ error: '请选择是否为农民工' }).default(false),
  /** 长期在城镇居住务工 */
  livesInCity: z.boolean({ error: '请选择是否长期在城镇居住' }).default(true),
  /** 在本单位开始工作的日期 (事实劳动关系也算) */
  employmentStart: CalendarDate.nullable().default(null),
})
export type WorkerFacts = z.infer<typeof WorkerFacts>

export const HouseholdProfile = z
  .object({
    members: z
      .array(HouseholdMember, { error: '请填写家庭成员' })
      .min(1, '请至少填写本人')
      .max(12, '共同生活的家庭成员最多填写12人'),
    /** 其他家庭收入 per year (rent, subsidies, pensions not listed per member), fen */
    otherAnnualIncomeFen: Fen.default(0),
    rigidCosts: z.array(RigidCost).max(8, '刚性支出最多8项').default([]),
    /** 近12个月因突发事件、意外或重病产生的支出（扣除赔偿、保险、救助后）, fen */
    accidentCostsFen: Fen.default(0),
    causes: z.array(HardshipCause).max(5, '致困原因最多选5项').default([]),
    worker: WorkerFacts.default({ isMigrant: false, livesInCity: true, employmentStart: null }),
  })
  .superRefine((h, ctx) => {
    const selves = h.members.filter((m) => m.relation === 'self').length
    if (selves !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: selves === 0 ? '家庭成员里请填写“本人”' : '“本人”只能填写一次' })
    const spouses = h.members.filter((m) => m.relation === 'spouse').length
    if (spouses > 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '配偶只能填写一位' })
    h.members.forEach((m, i) => {
      if (m.idNumber === undefined || m.idNumber === '') return
      const path = ['members', i, 'idNumber']
      if (m.relation === 'self' || m.age < 18) ctx.addIssue({ code: 'custom', path, message: '只需填写配偶等成年家人的身份证号' })
      else if (!MASKED_ID.test(m.idNumber)) {
        const problem = findIdNumberProblem(normalizeIdNumber(m.idNumber))
        if (problem) ctx.addIssue({ code: 'custom', path, message: idNumberMessages[problem] })
      }
    })
    if (new Set(h.causes).size !== h.causes.length) ctx.addIssue({ code: 'custom', path: ['causes'], message: '致困原因重复了' })
  })
export type HouseholdProfile = z.output<typeof HouseholdProfile>
export type HouseholdProfileInput = z.input<typeof HouseholdProfile>

/** A fresh profile: just the person filling it in. */
export const emptyHousehold = (): HouseholdProfile => ({
  members: [{ relation: 'self', age: 30, school: 'none', health: 'healthy', monthlyIncomeFen: 0 }],
  otherAnnualIncomeFen: 0,
  rigidCosts: [],
  accidentCostsFen: 0,
  causes: [],
  worker: { isMigrant: false, livesInCity: true, employmentStart: null },
})
