import { quoteAmount } from './amounts'
import { hardshipLevelLabel, schemeLabel, type DocumentItem, type HardshipLevel, type SchemeCode, type SchemeConfig } from './config'
import type { HardshipAssessment } from './eligibility'
import { educationLevelOf, schoolStageLabel, type EducationLevel, type HouseholdProfile, type SchoolStage } from './household'
import { doubleAidProblem, type GrantRecord } from './limits'
import { formatYuan } from './money'
import { windowState } from './window'

/** What the check knows about the person besides the household numbers. */
export interface ApplicantFacts {
  isMember: boolean
  /** the household has an active 困难职工档案 */
  onFile: boolean
  /** from migrantProblems(); empty when not a migrant worker or all is met */
  migrantProblems: string[]
  /** keyed hash of the head's ID number when known (no double aid); null before the first application */
  householdKey: string | null
  grantsThisYear: readonly GrantRecord[]
  year: number
  /** correcting a returned application: it was filed while the window was open */
  ignoreWindow?: boolean
}

/** A child of the household who could get 金秋助学, with the amount. */
export interface SchoolChild {
  memberIndex: number
  age: number
  stage: SchoolStage
  stageLabel: string
  level: EducationLevel
  amountFen: number
}

export interface SchemeVerdict {
  code: SchemeCode
  label: string
  eligible: boolean
  /** the level the amount is based on */
  level: HardshipLevel | null
  /** null for 金秋助学 (per child, see children) and when not eligible */
  amountFen: number | null
  /** why, in reading order and plain Chinese; the last line says what to do */
  reasons: string[]
  windowOpen: boolean
  windowText: string
  documents: DocumentItem[]
  children: SchoolChild[]
}

/**
 * One scheme's answer for one household: eligible or not, why, and how much.
 * Every "no" says which rule and what would change it.
 */
export function evaluateScheme(
  scheme: SchemeConfig,
  schemes: readonly SchemeConfig[],
  household: Pick<HouseholdProfile, 'members'>,
  assessment: HardshipAssessment,
  facts: ApplicantFacts,
  now: Date,
): SchemeVerdict {
  const label = schemeLabel[scheme.code]
  const reasons: string[] = []
  const blockers: string[] = []
  const win = windowState(scheme.window, now, label)

  // a migrant worker's problems already name membership when it is missing
  if (!facts.isMember && facts.migrantProblems.length === 0) blockers.push('帮扶对象是工会会员，请先加入您单位的工会（或所在街道的工会联合会）。')
  blockers.push(...facts.migrantProblems)
  if (win.problem && !facts.ignoreWindow) blockers.push(win.problem)

  const level = assessment.level
  const levelOk = level !== null && scheme.eligibility.levels.includes(level)
  const fileOk = facts.onFile && scheme.eligibility.onFileQualifies
  if (scheme.eligibility.requiresFile && !facts.onFile) {
    blockers.push(`${label}面向已建立困难职工档案的家庭，您家还没有建档。可以先申请生活救助，审批通过后即建档。`)
  } else if (!levelOk && !fileOk) {
    blockers.push(
      level === null
        ? `按您填写的收入，家庭不属于困难家庭，暂不符合${label}条件。情况有变化时可以重新测算。`
        : `${hardshipLevelLabel[level]}家庭不在${label}范围内。`,
    )
  } else {
    reasons.push(fileOk && !levelOk ? '您家已建立困难职工档案。' : `您家属于“${hardshipLevelLabel[level ?? 'relative']}”。`)
  }

  if (facts.householdKey) {
    const twice = doubleAidProblem(facts.grantsThisYear, scheme, schemes, facts.householdKey, facts.year)
    if (twice) blockers.push(twice)
  }

  const children: SchoolChild[] = []
  let amountFen: number | null = null
  if (scheme.code === 'school') {
    household.members.forEach((m, memberIndex) => {
      const edu = m.relation === 'child' ? educationLevelOf(m.school) : null
      if (!edu) return
      const quote = quoteAmount(scheme, { level, onFile: facts.onFile, educationLevel: edu, dibaoFen: assessment.figures.dibaoFen })
      if (quote.ok) children.push({ memberIndex, age: m.age, stage: m.school, stageLabel: schoolStageLabel[m.school], level: edu, amountFen: quote.amountFen })
    })
    if (children.length === 0) blockers.push('家庭成员中没有在读高中（含中职）或大学（含高职高专、研究生）的子女。')
    else for (const c of children) reasons.push(`子女（${c.age}岁，${c.stageLabel}）：可资助${formatYuan(c.amountFen)}。`)
  } else if (blockers.length === 0) {
    const quote = quoteAmount(scheme, { level: levelOk ? level : null, onFile: facts.onFile, dibaoFen: assessment.figures.dibaoFen })
    if (quote.ok) {
      amountFen = quote.amountFen
      reasons.push(...quote.lines)
    } else if (scheme.amount.type === 'shareOfCosts') {
      reasons.push(`医疗救助按自付医疗费用的比例计算，申请时填写自付费用后算出金额。`)
    } else {
      blockers.push(quote.problem)
    }
  }

  const eligible = blockers.length === 0
  // a "no" leads with what stands in the way; the facts that were fine follow
  const ordered = eligible ? reasons : [...blockers, ...reasons]
  ordered.push(eligible ? `符合${label}条件，${win.text}，可以直接申请。` : `暂不能申请${label}。`)
  return {
    code: scheme.code,
    label,
    eligible,
    level: levelOk ? level : null,
    amountFen: eligible ? amountFen : null,
    reasons: ordered,
    windowOpen: win.open,
    windowText: win.text,
    documents: scheme.documents,
    children,
  }
}
