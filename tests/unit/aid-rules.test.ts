import { fieldErrors } from '../../shared/contract'
import {
  aidYear,
  assessHardship,
  configProblems,
  doubleAidProblem,
  educationLevelOf,
  employmentMonths,
  evaluateScheme,
  formatYuan,
  grantKeys,
  hardshipLevelOf,
  householdFigures,
  isWindowOpen,
  migrantProblems,
  noticeEndsAt,
  noticeName,
  onePerChildProblem,
  profileNeedsReconfirm,
  quoteAmount,
  schemeOf,
  schoolExclusionProblem,
  SubmitApplicationInput,
  windowState,
  windowText,
  yuanTextToFen,
  type ApplicantFacts,
  type GrantRecord,
  type HouseholdProfile,
  type SchemeConfig,
} from '../../shared/aid'
import { demoAidConfig } from '../../local-cloud/seed/aid'

const yuan = (y: number) => Math.round(y * 100)
const DIBAO = yuan(1450)
const dibao = { monthlyFen: DIBAO, isDemoValue: true, region: '北京市朝阳区' }
/** A moment on China's calendar: '2026-07-01 00:00' is 2026-06-30T16:00Z. */
const cst = (s: string) => new Date(s.replace(' ', 'T') + ':00+08:00')

const scheme = (code: SchemeConfig['code']): SchemeConfig => {
  const s = schemeOf(demoAidConfig, code)
  if (!s) throw new Error(`demo config lacks ${code}`)
  return s
}

/** One person, a monthly income, optional yearly rigid costs and accident costs (all yuan). */
function household(opts: { size?: number; monthly?: number; rigid?: number; accident?: number; other?: number }): HouseholdProfile {
  const size = opts.size ?? 1
  const members: HouseholdProfile['members'] = [{ relation: 'self', age: 40, school: 'none', health: 'healthy', monthlyIncomeFen: yuan(opts.monthly ?? 0) }]
  for (let i = 1; i < size; i++) members.push({ relation: 'child', age: 10, school: 'primary', health: 'healthy', monthlyIncomeFen: 0 })
  return {
    members,
    otherAnnualIncomeFen: yuan(opts.other ?? 0),
    rigidCosts: opts.rigid ? [{ kind: 'medical', annualFen: yuan(opts.rigid) }] : [],
    accidentCostsFen: yuan(opts.accident ?? 0),
    causes: [],
    worker: { isMigrant: false, livesInCity: true, employmentStart: null },
  }
}

describe('aid · 困难认定: per-capita monthly income after rigid costs against 低保 ×1 and ×2', () => {
  // 低保 1,450 a month: one person at exactly 17,400 a year sits exactly on 低保
  test.each([
    // [people, annual other income yuan, rigid costs yuan, per-capita fen, level]
    [1, 17_400 - 0.01, 0, 144_999, 'deep'],
    [1, 17_400, 0, 145_000, 'relative'], // exactly 低保 is not "below 低保"
    [1, 17_400.01, 0, 145_000, 'relative'],
    [1, 34_800 - 0.01, 0, 289_999, 'relative'],
    [1, 34_800, 0, 290_000, null], // exactly 2 × 低保 is not "below 2 × 低保"
    [3, 52_200, 0, 145_000, 'relative'], // 3 people exactly on 低保
    [3, 52_200 - 0.01, 0, 144_999, 'deep'],
    [3, 60_000, 7_800, 145_000, 'relative'], // 60,000 − 7,800 = 52,200: rigid costs are deducted first
    [3, 60_000, 7_800.01, 144_999, 'deep'],
    [4, 0, 12_000, -25_000, 'deep'], // costs above income: still 深度困难, shown as 0
  ])('%p people, %p yuan income, %p yuan rigid costs → %p fen per person per month, %p', (size, income, rigid, perCapita, level) => {
    const h = household({ size, other: income, rigid })
    const f = householdFigures(h, DIBAO)
    expect(f.perCapitaMonthlyFen).toBe(perCapita)
    expect(hardshipLevelOf(f)).toBe(level)
  })

  test('monthly incomes count twelve times, plus other yearly income', () => {
    const f = householdFigures(household({ monthly: 1000, other: 500 }), DIBAO)
    expect(f.annualIncomeFen).toBe(yuan(12_500))
  })

  test('the explanation walks through the numbers in plain Chinese and names the demo 低保', () => {
    const a = assessHardship(household({ size: 4, other: 68_400, rigid: 27_000 }), dibao)
    expect(a.level).toBe('deep')
    expect(a.lines.join('\n')).toContain('减去刚性支出27,000元')
    expect(a.lines.join('\n')).toContain('41,400元 ÷ 12个月 ÷ 4人 = 每人每月862.50元')
    expect(a.lines.join('\n')).toContain('每人每月1,450元，2倍是2,900元（演示数值')
    expect(a.lines.at(-1)).toContain('深度困难')
  })

  test('a negative per-capita income is shown as 0, never as a minus amount', () => {
    const a = assessHardship(household({ size: 2, rigid: 5_000 }), dibao)
    expect(a.lines.join('')).toContain('每人每月0元')
    expect(a.lines.join('')).not.toMatch(/-\d/)
  })
})

describe('aid · 意外致困: costs of a sudden event over 80% of the annual household income', () => {
  // 100,000 a year for one person is far above 2 × 低保, so only the accident rule can apply
  test.each([
    [100_000, 80_000, null], // exactly 80%: not "over"
    [100_000, 80_000.01, 'accident'],
    [100_000, 79_999.99, null],
    [100_000, 0, null],
    [0, 1, 'deep'], // no income at all is 深度困难 before the accident rule is asked
  ])('income %p yuan, accident costs %p yuan → %p', (income, accident, level) => {
    expect(hardshipLevelOf(householdFigures(household({ other: income, accident }), DIBAO))).toBe(level)
  })

  test('the explanation says whether the costs passed 80% and where the line is', () => {
    const over = assessHardship(household({ other: 100_000, accident: 90_000 }), dibao)
    expect(over.level).toBe('accident')
    expect(over.lines.at(-1)).toBe('近12个月因意外、突发事件或重病的支出90,000元，超过了家庭年收入的80%（80,000元），属于“意外致困”。')
    const under = assessHardship(household({ other: 100_000, accident: 80_000 }), dibao)
    expect(under.lines.at(-1)).toContain('没有超过家庭年收入的80%（80,000元）')
  })
})

describe('aid · 困难农民工: union member, living in town, at least 12 months of employment', () => {
  const now = cst('2026-11-22 10:00')
  const migrant = (employmentStart: string | null, livesInCity = true) => ({ isMigrant: true, livesInCity, employmentStart })

  test.each([
    ['2025-11-22', 12, []],
    ['2025-11-23', 11, ['您目前工作了11个月']],
    ['2024-01-31', 33, []],
    ['2026-12-01', 0, ['您目前工作了0个月']], // a start date in the future counts as nothing
  ])('started %p → %p whole months', (start, months, problems) => {
    expect(employmentMonths(start, now)).toBe(months)
    const found = migrantProblems(migrant(start), { isMember: true, now, minMonths: 12 })
    expect(found).toHaveLength(problems.length)
    problems.forEach((p, i) => expect(found[i]).toContain(p))
  })

  test('each missing condition is named on its own', () => {
    const found = migrantProblems(migrant(null, false), { isMember: false, now, minMonths: 12 })
    expect(found).toEqual([
      '农民工申请帮扶需要先加入工会，成为工会会员。',
      '帮扶的是长期在城镇务工居住的农民工，已回农村居住的不在帮扶范围。',
      '需要在本单位连续工作满12个月（事实劳动关系也算），请填写开始工作的日期。',
    ])
  })

  test('the rule does not apply to workers who are not migrant workers', () => {
    expect(migrantProblems({ isMigrant: false, livesInCity: false, employmentStart: null }, { isMember: false, now, minMonths: 12 })).toEqual([])
  })
})

describe('aid · 救助金额: per scheme and level, caps in months of 低保', () => {
  const school = scheme('school')
  test.each([
    // [on file, level, amount yuan]
    [true, 'college', 5000],
    [true, 'highSchool', 3000],
    [false, 'college', 4000],
    [false, 'highSchool', 2000],
  ] as const)('金秋助学: on file %p, %p → %p yuan', (onFile, educationLevel, amount) => {
    const q = quoteAmount(school, { level: 'relative', onFile, educationLevel, dibaoFen: DIBAO })
    expect(q).toMatchObject({ ok: true, amountFen: yuan(amount) })
  })

  test('金秋助学 is capped at 10 months of 低保 per student (a low 低保 lowers it)', () => {
    const q = quoteAmount(school, { level: 'deep', onFile: true, educationLevel: 'college', dibaoFen: yuan(400) })
    expect(q).toMatchObject({ ok: true, amountFen: yuan(4000) })
    if (q.ok) expect(q.lines.at(-1)).toBe('每名学生每年最多10个月低保（4,000元），本次按4,000元发放。')
  })

  test('金秋助学 needs a covered school level', () => {
    expect(quoteAmount(school, { level: 'deep', onFile: true, educationLevel: null, dibaoFen: DIBAO }).ok).toBe(false)
    expect(educationLevelOf('juniorHigh')).toBeNull()
    expect(educationLevelOf('secondaryVocational')).toBe('highSchool')
    expect(educationLevelOf('vocationalCollege')).toBe('college')
  })

  const living = scheme('living')
  test.each([
    // [level, already this year yuan, amount yuan]
    ['deep', 0, 8700], // 6 × 1,450
    ['relative', 0, 5800], // 4 × 1,450
    ['accident', 0, 5800],
    ['deep', 8700, 8700], // 12-month cap 17,400: room is exactly 8,700
    ['deep', 12_000, 5400], // room 5,400 < 8,700
  ] as const)('生活救助: %p with %p yuan already this year → %p yuan', (level, already, amount) => {
    expect(quoteAmount(living, { level, onFile: false, dibaoFen: DIBAO, alreadyThisYearFen: yuan(already) })).toMatchObject({ ok: true, amountFen: yuan(amount) })
  })

  test('生活救助 with the yearly cap used up is refused, with the cap in words', () => {
    const q = quoteAmount(living, { level: 'deep', onFile: false, dibaoFen: DIBAO, alreadyThisYearFen: yuan(17_400) })
    expect(q).toEqual({ ok: false, problem: '生活救助每户每年最多12个月低保（17,400元），今年的额度已经用完。' })
  })

  test('生活救助 needs a hardship level', () => {
    expect(quoteAmount(living, { level: null, onFile: true, dibaoFen: DIBAO }).ok).toBe(false)
  })

  const medical = scheme('medical')
  test.each([
    ['deep', 15_000, 15_000],
    ['relative', 10_000, 8_000],
    ['deep', 30_000, 20_000], // capped at 20,000 per household per year
    ['relative', 25_000, 20_000], // 80% = 20,000 exactly: the cap does not bite
    ['relative', 25_000.05, 20_000],
    ['relative', 0.05, 0.04], // 80% of 5 fen is 4 fen: shares round down to whole fen
  ] as const)('医疗救助: %p with %p yuan self-paid → %p yuan', (level, paid, amount) => {
    expect(quoteAmount(medical, { level, onFile: false, dibaoFen: DIBAO, selfPaidMedicalFen: yuan(paid) })).toMatchObject({ ok: true, amountFen: yuan(amount) })
  })

  test('送温暖 pays the configured fixed amount', () => {
    expect(quoteAmount(scheme('warmth'), { level: null, onFile: true, dibaoFen: DIBAO })).toMatchObject({ ok: true, amountFen: yuan(1500) })
  })

  test('amounts are shown as yuan with separators and only the cents that exist', () => {
    expect(formatYuan(500_000)).toBe('5,000元')
    expect(formatYuan(86_250)).toBe('862.50元')
    expect(formatYuan(1_234_567_89)).toBe('1,234,567.89元')
    expect(yuanTextToFen('1,234.5')).toBe(123_450)
    expect(yuanTextToFen('12.345')).toBeNull()
  })
})

describe('aid · 限制: one 金秋助学 per child per year, no double aid', () => {
  const g = (scheme: GrantRecord['scheme'], year: number, householdKey: string, childKey: string | null = null): GrantRecord => ({ scheme, year, householdKey, childKey })

  test.each([
    [[g('school', 2026, 'h1', 'c1')], 'c1', 2026, true],
    [[g('school', 2026, 'h1', 'c1')], 'c1', 2027, false],
    [[g('school', 2026, 'h1', 'c1')], 'c2', 2026, false], // the sibling may still get it
    [[g('living', 2026, 'h1')], 'c1', 2026, false],
  ])('grants %j: child %p in %p refused → %p', (grants, child, year, refused) => {
    const problem = onePerChildProblem(grants, child, year)
    expect(problem !== null).toBe(refused)
    if (problem) expect(problem).toBe(`这个孩子${year}年已经获得过金秋助学资助，每个孩子每年只能资助一次。`)
  })

  const schemes = demoAidConfig.schemes
  test.each([
    ['living', [g('living', 2026, 'h1')], 'h1', 2026, '已经领取过生活救助，同一项目每年只能领取一次'],
    ['medical', [g('living', 2026, 'h1')], 'h1', 2026, '生活救助和医疗救助每户每年只能享受一种'], // same exclusive group
    ['living', [g('medical', 2026, 'h1')], 'h1', 2026, '已经领取过医疗救助'],
    ['warmth', [g('living', 2026, 'h1')], 'h1', 2026, null], // 送温暖 is not in the group
    ['warmth', [g('warmth', 2026, 'h1')], 'h1', 2026, '已经领取过送温暖'],
    ['living', [g('living', 2025, 'h1')], 'h1', 2026, null], // last year's does not count
    ['living', [g('living', 2026, 'h2')], 'h1', 2026, null], // another household's does not count
    ['school', [g('school', 2026, 'h1', 'c1')], 'h1', 2026, null], // per child, see above
  ] as const)('%p after %j for %p in %p → %p', (code, grants, hh, year, expected) => {
    const problem = doubleAidProblem(grants, scheme(code), schemes, hh, year)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toContain(expected)
  })

  test('金秋助学 excludes special-funded students and students already funded elsewhere', () => {
    expect(schoolExclusionProblem({ specialFunded: false, otherFunding: false })).toBeNull()
    expect(schoolExclusionProblem({ specialFunded: true, otherFunding: false })).toContain('军事院校')
    expect(schoolExclusionProblem({ specialFunded: false, otherFunding: true })).toContain('不重复资助')
  })

  test('grant keys: per child for 金秋助学, per household and exclusive group otherwise', () => {
    expect(grantKeys(scheme('school'), 2026, 'h1', 'c1')).toEqual(['school-2026-c-c1'])
    expect(grantKeys(scheme('living'), 2026, 'h1', null)).toEqual(['living-2026-h-h1', 'hardship-2026-h-h1'])
    expect(grantKeys(scheme('medical'), 2026, 'h1', null)).toEqual(['medical-2026-h-h1', 'hardship-2026-h-h1'])
    expect(grantKeys(scheme('warmth'), 2026, 'h1', null)).toEqual(['warmth-2026-h-h1'])
  })
})

describe('aid · 申请时间: the window on China’s calendar, both ends included', () => {
  const school = scheme('school').window
  const warmth = scheme('warmth').window
  test.each([
    [school, '2026-06-30 23:59', false],
    [school, '2026-07-01 00:00', true],
    [school, '2026-08-27 23:59', true],
    [school, '2026-08-28 00:00', false],
    [school, '2026-11-22 10:00', false],
    [warmth, '2026-12-14 23:59', false],
    [warmth, '2026-12-15 00:00', true],
    [warmth, '2027-01-10 12:00', true],
    [warmth, '2027-02-15 23:59', true],
    [warmth, '2027-02-16 00:00', false],
    [null, '2026-03-03 03:03', true],
  ])('%j at %p → open %p', (window, at, open) => {
    expect(isWindowOpen(window, cst(at))).toBe(open)
  })

  test('a closed window says when it opens, in words', () => {
    expect(windowState(school, cst('2026-11-22 10:00'), '金秋助学')).toEqual({
      open: false,
      text: '每年7月1日至8月27日',
      problem: '金秋助学的申请时间是每年7月1日至8月27日，现在不在申请时间内。',
    })
    expect(windowText(warmth)).toBe('每年12月15日至次年2月15日')
    expect(windowText(null)).toBe('全年可申请')
  })

  test('a window running over New Year counts for the year it opened', () => {
    expect(aidYear(warmth, cst('2027-01-10 12:00'))).toBe(2026)
    expect(aidYear(warmth, cst('2026-12-20 12:00'))).toBe(2026)
    expect(aidYear(school, cst('2027-01-10 12:00'))).toBe(2027)
  })
})

describe('aid · 资格测算: one scheme’s answer for a household, with reasons', () => {
  // 李强's household from the demo seed: 862.50 per person per month, two children at school
  const liQiang: HouseholdProfile = {
    members: [
      { relation: 'self', age: 46, school: 'none', health: 'healthy', monthlyIncomeFen: 450_000 },
      { relation: 'spouse', age: 44, school: 'none', health: 'chronic', monthlyIncomeFen: 120_000 },
      { relation: 'child', age: 18, school: 'undergraduate', health: 'healthy', monthlyIncomeFen: 0 },
      { relation: 'child', age: 15, school: 'highSchool', health: 'healthy', monthlyIncomeFen: 0 },
    ],
    otherAnnualIncomeFen: 0,
    rigidCosts: [
      { kind: 'medical', annualFen: 1_200_000 },
      { kind: 'schooling', annualFen: 1_500_000 },
    ],
    accidentCostsFen: 0,
    causes: ['illness', 'schooling'],
    worker: { isMigrant: true, livesInCity: true, employmentStart: '2022-03-01' },
  }
  const facts = (over: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
    isMember: true,
    onFile: false,
    migrantProblems: [],
    householdKey: 'h1',
    grantsThisYear: [],
    year: 2026,
    ...over,
  })
  const inWindow = cst('2026-07-15 10:00')
  const assessment = assessHardship(liQiang, dibao)
  const run = (code: SchemeConfig['code'], f: ApplicantFacts, now = inWindow) => evaluateScheme(scheme(code), demoAidConfig.schemes, liQiang, assessment, f, now)

  test('金秋助学 in the window: each child at school with the not-on-file amount', () => {
    const v = run('school', facts())
    expect(v.eligible).toBe(true)
    expect(v.children.map((c) => [c.stage, c.amountFen])).toEqual([
      ['undergraduate', 400_000],
      ['highSchool', 200_000],
    ])
    expect(v.documents.find((d) => d.code === 'admissionLetter')?.required).toBe(true)
    expect(v.reasons.at(-1)).toBe('符合金秋助学条件，每年7月1日至8月27日，可以直接申请。')
  })

  test('a family on file gets the higher 金秋助学 amounts', () => {
    expect(run('school', facts({ onFile: true })).children.map((c) => c.amountFen)).toEqual([500_000, 300_000])
  })

  test('outside the window the answer is no, and says when to come back', () => {
    const v = run('school', facts(), cst('2026-11-22 10:00'))
    expect(v.eligible).toBe(false)
    expect(v.windowOpen).toBe(false)
    expect(v.reasons).toContain('金秋助学的申请时间是每年7月1日至8月27日，现在不在申请时间内。')
  })

  test('a non-member migrant worker is told to join first', () => {
    const v = run('living', facts({ isMember: false, migrantProblems: ['农民工申请帮扶需要先加入工会，成为工会会员。'] }))
    expect(v.eligible).toBe(false)
    expect(v.reasons[0]).toBe('农民工申请帮扶需要先加入工会，成为工会会员。')
    expect(v.reasons.filter((r) => r.includes('加入')).length).toBe(1) // said once, not twice
  })

  test('a worker who is not a member (and not a migrant worker) is told to join first', () => {
    const v = run('school', facts({ isMember: false }))
    expect(v.eligible).toBe(false)
    expect(v.reasons[0]).toContain('请先加入您单位的工会')
  })

  test('生活救助 for a deep-hardship household: 6 months of 低保', () => {
    const v = run('living', facts())
    expect(v).toMatchObject({ eligible: true, level: 'deep', amountFen: 870_000 })
    expect(v.reasons).toContain('深度困难按6个月低保发放：1,450元 × 6 = 8,700元。')
  })

  test('生活救助 is refused after 医疗救助 in the same year (no double aid)', () => {
    const v = run('living', facts({ grantsThisYear: [{ scheme: 'medical', year: 2026, householdKey: 'h1', childKey: null }] }))
    expect(v.eligible).toBe(false)
    expect(v.amountFen).toBeNull()
  })

  test('送温暖 needs a hardship file', () => {
    const winter = cst('2026-12-20 10:00')
    expect(run('warmth', facts(), winter).eligible).toBe(false)
    expect(run('warmth', facts({ onFile: true }), winter)).toMatchObject({ eligible: true, amountFen: 150_000 })
  })

  test('a household above 2 × 低保 is not eligible for hardship schemes', () => {
    const rich = household({ monthly: 20_000 })
    const a = assessHardship(rich, dibao)
    const v = evaluateScheme(scheme('living'), demoAidConfig.schemes, rich, a, facts(), inWindow)
    expect(v.eligible).toBe(false)
    expect(v.reasons.join('')).toContain('不属于困难家庭')
  })
})

describe('aid · 申请表: bad inputs are refused field by field, in Chinese', () => {
  const good = {
    draftId: 'draft-0001',
    scheme: 'school',
    applicant: { name: '李强', idNumber: '110105197801011231', phone: '13800138000', bankName: '中国工商银行望京支行', bankCard: '6222020200112345679' },
    child: { name: '李明', idNumber: '110105200801011236', school: '北京某大学', stage: 'undergraduate', isNewStudent: true, specialFunded: false, otherFunding: false },
    documents: [],
  }
  const errorsOf = (input: unknown) => {
    const r = SubmitApplicationInput.safeParse(input)
    return r.success ? {} : fieldErrors(r.error)
  }

  test('the demo values are valid (ID and bank card check digits included)', () => {
    expect(errorsOf(good)).toEqual({})
  })

  test.each([
    ['applicant.idNumber', { applicant: { ...good.applicant, idNumber: '110105197801011234' } }, '身份证号最后一位校验码不对，请核对'],
    ['applicant.bankCard', { applicant: { ...good.applicant, bankCard: '6222020200112345671' } }, '银行卡号有误，请对照银行卡核对'],
    ['applicant.phone', { applicant: { ...good.applicant, phone: '2380013800' } }, '手机号应为11位数字，以1开头'],
    ['applicant.name', { applicant: { ...good.applicant, name: '李' } }, '姓名至少2个字'],
    ['child.stage', { child: { ...good.child, stage: 'juniorHigh' } }, '金秋助学资助在读高中（含中职）和大学（含高职高专、研究生）的学生'],
    ['child.school', { child: { ...good.child, school: '' } }, '请填写学校全称'],
    ['documents.0.fileId', { documents: [{ code: 'admissionLetter', fileId: 'http://evil' }] }, '材料文件不正确'],
  ])('%p', (field, change, message) => {
    expect(errorsOf({ ...good, ...change })[field]).toBe(message)
  })

  test('a hardship application needs a real statement of the situation', () => {
    const errors = errorsOf({ ...good, scheme: 'living', child: undefined, statement: '困难' })
    expect(errors.statement).toBe('请把家庭困难情况写具体一些（至少10个字）')
  })
})

describe('aid · 公示, files and configuration', () => {
  test('the notice shows the surname and one star only', () => {
    expect(noticeName('张三丰')).toBe('张*')
    expect(noticeName('王芳')).toBe('王*')
    expect(noticeName('欧阳娜娜')).toBe('欧*')
  })

  test('公示 runs five working days, skipping the weekend and holidays', () => {
    // Friday 2026-09-25 10:00 → Mon 28, Tue 29, Wed 30, (Thu 1 Oct – Wed 7 Oct holidays and weekend), Thu 8, Fri 9
    const ends = noticeEndsAt(cst('2026-09-25 10:00'), 5, ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'])
    expect(ends.toISOString()).toBe(cst('2026-10-09 10:00').toISOString())
  })

  test('a household profile older than a year must be reconfirmed', () => {
    expect(profileNeedsReconfirm(cst('2025-11-22 10:00'), cst('2026-11-22 10:00'))).toBe(true)
    expect(profileNeedsReconfirm(cst('2025-11-23 10:00'), cst('2026-11-22 10:00'))).toBe(false)
    expect(profileNeedsReconfirm(null, cst('2026-11-22 10:00'))).toBe(true)
  })

  test('the demo configuration has no problems; duplicates and a chain not starting at the grassroots union do', () => {
    expect(configProblems(demoAidConfig)).toEqual({})
    const broken = {
      ...demoAidConfig,
      dibao: [...demoAidConfig.dibao, demoAidConfig.dibao[0]],
      schemes: [{ ...scheme('living'), chain: [scheme('living').chain[1]] }, scheme('living')],
    }
    expect(configProblems(broken)).toEqual({
      'schemes.1.code': '生活救助重复配置了',
      'dibao.1.region': '地区“北京市朝阳区”重复了',
      'schemes.0.chain': '第一步应由基层工会初审',
    })
  })
})
