import { z } from 'zod'
import { countedWageFen, formatYuan, parseYuanToFen, quoteDues } from '../../shared/membership/dues'
import {
  CARD_TOKEN_PREFIX,
  cardExpired,
  cardSignedPart,
  formatCardToken,
  formatMemberNo,
  maskMemberNo,
  parseCardToken,
} from '../../shared/membership/cardToken'
import { changeStint, isCurrentStint } from '../../shared/membership/status'
import { autoReleaseAt, autoReleaseCutoff, autoReleaseDays, DEFAULT_AUTO_RELEASE_DAYS, transferProblem } from '../../shared/membership/transfer'
import { employerMatches, joinTargetProblem, suggestUnions } from '../../shared/membership/eligibility'
import { SaveProfileInput, SubmitApplicationInput } from '../../shared/membership/schemas'
import { fieldErrors } from '../../shared/contract'
import { idCheckChar } from '../../shared/privacy/idNumber'

const yuan = (y: number) => Math.round(y * 100)
const withCheck = (first17: string) => first17 + idCheckChar(first17)

describe('会费: 0.5% of the monthly wage, the tail under 10 yuan not counted', () => {
  test.each([
    // [wage yuan, counted yuan, dues fen]
    [5009, 5000, 2500],
    [5000, 5000, 2500],
    [5010, 5010, 2505],
    [5019.99, 5010, 2505],
    [9.99, 0, 0],
    [10, 10, 5],
    [0, 0, 0],
    [3333.33, 3330, 1665],
    [12345.67, 12340, 6170],
  ])('wage %p yuan counts %p yuan and costs %p fen', (wage, counted, dues) => {
    const q = quoteDues({ wageFen: yuan(wage) })
    expect(q.countedWageFen).toBe(yuan(counted))
    expect(q.duesFen).toBe(dues)
    expect(q.standardDuesFen).toBe(dues)
    expect(q.exemption).toBeNull()
  })

  test('dues are always whole fen, whatever the wage', () => {
    // one expect over every wage, not 8 000 of them: each expect costs far more than the rule it checks, and
    // together they took 10 s of the unit project's 15 s at load 18
    const fractional: number[] = []
    for (let fen = 0; fen < 300_000; fen += 37) if (!Number.isInteger(quoteDues({ wageFen: fen }).duesFen)) fractional.push(fen)
    expect(fractional).toEqual([])
  })

  test('retained membership pays nothing but still shows the standard amount', () => {
    const q = quoteDues({ wageFen: yuan(5009), retained: true })
    expect(q).toEqual({ countedWageFen: yuan(5000), standardDuesFen: 2500, duesFen: 0, exemption: 'retained' })
  })

  test('a hardship exemption is shown as such, and retained wins over hardship', () => {
    expect(quoteDues({ wageFen: yuan(4000), hardship: true })).toMatchObject({ duesFen: 0, standardDuesFen: 2000, exemption: 'hardship' })
    expect(quoteDues({ wageFen: yuan(4000), hardship: true, retained: true }).exemption).toBe('retained')
  })

  test('refuses negative or fractional fen', () => {
    expect(() => countedWageFen(-1)).toThrow(RangeError)
    expect(() => countedWageFen(10.5)).toThrow(RangeError)
  })

  test('yuan text typed by a person becomes fen, anything else is refused', () => {
    expect(parseYuanToFen('5009')).toBe(500900)
    expect(parseYuanToFen('5,009.5')).toBe(500950)
    expect(parseYuanToFen('5009.05')).toBe(500905)
    expect(parseYuanToFen(' 12 ')).toBe(1200)
    expect(parseYuanToFen('-5')).toBeNull()
    expect(parseYuanToFen('5.123')).toBeNull()
    expect(parseYuanToFen('五千')).toBeNull()
    expect(parseYuanToFen('')).toBeNull()
    expect(parseYuanToFen('9999999999')).toBeNull()
  })

  test('fen are shown as yuan with two decimals', () => {
    expect(formatYuan(2500)).toBe('25.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(123456)).toBe('1234.56')
  })
})

describe('电子会员证 token shape', () => {
  const exp = 1_900_000_000

  test('a formatted token parses back to its parts, and the signed part is what was signed', () => {
    const token = formatCardToken('ms-abc_123', exp, 'A'.repeat(22))
    const parsed = parseCardToken(token)
    expect(parsed).toEqual({ membershipId: 'ms-abc_123', expiresAt: exp, signature: 'A'.repeat(22), signed: cardSignedPart('ms-abc_123', exp) })
    expect(token.startsWith(`${CARD_TOKEN_PREFIX}.`)).toBe(true)
  })

  test.each([
    ['a member number', 'GH00000042'],
    ['a URL', 'https://example.com/x'],
    ['wrong prefix', `GHT2.ms-1.${exp.toString(36)}.${'A'.repeat(22)}`],
    ['short signature', `GHT1.ms-1.${exp.toString(36)}.abc`],
    ['extra part', `GHT1.ms-1.${exp.toString(36)}.${'A'.repeat(22)}.x`],
    ['bad id characters', `GHT1.ms$1.${exp.toString(36)}.${'A'.repeat(22)}`],
    ['uppercase expiry', `GHT1.ms-1.${exp.toString(36).toUpperCase()}.${'A'.repeat(22)}`],
  ])('%s is not a card token', (_what, text) => {
    expect(parseCardToken(text)).toBeNull()
  })

  test('expires at the second it says', () => {
    expect(cardExpired({ expiresAt: exp }, new Date(exp * 1000 - 1))).toBe(false)
    expect(cardExpired({ expiresAt: exp }, new Date(exp * 1000))).toBe(true)
  })

  test('member numbers are GH and eight digits; a scanning chair sees only the tail', () => {
    expect(formatMemberNo(42)).toBe('GH00000042')
    expect(formatMemberNo(123456789)).toBe('GH123456789')
    expect(() => formatMemberNo(0)).toThrow(RangeError)
    expect(maskMemberNo('GH00000042')).toBe('GH****0042')
  })
})

describe('会籍 status changes', () => {
  test('retain only from active, resume only from retained', () => {
    expect(changeStint('active', 'retain')).toEqual({ ok: true, status: 'retained' })
    expect(changeStint('retained', 'retain')).toMatchObject({ ok: false })
    expect(changeStint('retained', 'resume')).toEqual({ ok: true, status: 'active' })
    expect(changeStint('active', 'resume')).toMatchObject({ ok: false, reason: '只有保留会籍的会员可以恢复正常会籍' })
  })

  test('leave and transfer out from a current stint only; closed stints stay closed', () => {
    for (const s of ['active', 'retained'] as const) {
      expect(changeStint(s, 'leave')).toEqual({ ok: true, status: 'left' })
      expect(changeStint(s, 'transferOut')).toEqual({ ok: true, status: 'transferred' })
    }
    for (const s of ['transferred', 'left'] as const) {
      for (const c of ['retain', 'resume', 'leave', 'transferOut'] as const) expect(changeStint(s, c).ok).toBe(false)
      expect(isCurrentStint(s)).toBe(false)
    }
  })
})

describe('转会 rules', () => {
  test('needs a current membership, a different union and no open request', () => {
    expect(transferProblem({ currentUnionId: null, toUnionId: 'u-tech', hasOpenRequest: false })).toBe('您还不是工会会员，请先申请入会')
    expect(transferProblem({ currentUnionId: 'u-tech', toUnionId: 'u-tech', hasOpenRequest: false })).toBe('您已经是这个工会的会员，无需转会')
    expect(transferProblem({ currentUnionId: 'u-tech', toUnionId: 'u-build', hasOpenRequest: true })).toMatch('正在办理')
    expect(transferProblem({ currentUnionId: 'u-tech', toUnionId: 'u-build', hasOpenRequest: false })).toBeNull()
  })

  test('auto-release days come from configuration within 1..90, else the default', () => {
    expect(autoReleaseDays('7')).toBe(7)
    expect(autoReleaseDays(undefined)).toBe(DEFAULT_AUTO_RELEASE_DAYS)
    expect(autoReleaseDays('0')).toBe(DEFAULT_AUTO_RELEASE_DAYS)
    expect(autoReleaseDays('2.5')).toBe(DEFAULT_AUTO_RELEASE_DAYS)
    expect(autoReleaseDays('abc')).toBe(DEFAULT_AUTO_RELEASE_DAYS)
  })

  test('release is due exactly `days` after submission', () => {
    const submitted = new Date('2025-03-01T08:00:00+08:00')
    expect(autoReleaseAt(submitted, 15).toISOString()).toBe(new Date('2025-03-16T08:00:00+08:00').toISOString())
    const now = new Date('2025-03-16T08:00:00+08:00')
    expect(autoReleaseCutoff(now, 15).getTime()).toBe(submitted.getTime())
  })
})

describe('which union takes an application', () => {
  const grassroots = { level: 'grassroots' as const, acceptsGigWorkers: false }
  const street = { level: 'street' as const, acceptsGigWorkers: false }
  const district = { level: 'federation' as const, acceptsGigWorkers: false }
  const gigUnion = { level: 'federation' as const, acceptsGigWorkers: true }

  test('employees join a grassroots union or, without one, the street federation (属地)', () => {
    expect(joinTargetProblem(grassroots, 'employee')).toBeNull()
    expect(joinTargetProblem(street, 'employee')).toBeNull()
    expect(joinTargetProblem(district, 'employee')).toMatch('区县总工会不直接受理')
  })

  test('only new-employment-form workers join a gig-worker federation; a courier company union takes both', () => {
    expect(joinTargetProblem(gigUnion, 'gig')).toBeNull()
    expect(joinTargetProblem(gigUnion, 'employee')).toMatch('新就业形态')
    expect(joinTargetProblem({ ...gigUnion, level: 'street' }, 'employee')).toMatch('新就业形态')
    expect(joinTargetProblem({ level: 'grassroots', acceptsGigWorkers: true }, 'employee')).toBeNull()
  })

  test('employer names match across company suffixes and spacing', () => {
    expect(employerMatches('北京某建筑工程有限公司', '北京某建筑工程有限公司')).toBe(true)
    expect(employerMatches('北京某建筑工程', '北京某建筑工程有限公司')).toBe(true)
    expect(employerMatches('某科技', '北京某建筑工程有限公司')).toBe(false)
    expect(employerMatches('公司', '北京某建筑工程有限公司')).toBe(false)
  })

  test('suggestions: own employer first, then gig unions for gig workers, then street federations', () => {
    const unions = [
      { _id: 'u-street', level: 'street' as const, employer: '', acceptsGigWorkers: false },
      { _id: 'u-gig', level: 'street' as const, employer: '', acceptsGigWorkers: true },
      { _id: 'u-build', level: 'grassroots' as const, employer: '北京某建筑工程有限公司', acceptsGigWorkers: false },
      { _id: 'u-tech', level: 'grassroots' as const, employer: '北京某科技有限公司', acceptsGigWorkers: false },
      { _id: 'u-district', level: 'federation' as const, employer: '', acceptsGigWorkers: false },
    ]
    const employee = suggestUnions(unions, { employer: '北京某建筑工程有限公司', workerType: 'employee' })
    expect(employee.map((s) => [s.union._id, s.match])).toEqual([
      ['u-build', 'employer'],
      ['u-street', 'territory'],
    ])
    const rider = suggestUnions(unions, { employer: '', workerType: 'gig' })
    expect(rider.map((s) => [s.union._id, s.match])).toEqual([
      ['u-gig', 'gig'],
      ['u-street', 'territory'],
    ])
  })
})

describe('membership forms speak Chinese field by field', () => {
  const id = withCheck('11010519900512002')
  const base = { name: '王芳', phone: '13800000001', idNumber: id, workerType: 'employee', employer: '北京某科技有限公司', job: '测试', area: '' }
  const problems = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value)
    return result.success ? {} : fieldErrors(result.error)
  }

  test('a complete profile passes; the ID number is normalised (spaces, lower-case x)', () => {
    const xId = withCheck('11010519900512003').replace('X', 'x')
    const parsed = SaveProfileInput.parse({ ...base, idNumber: ` ${xId.slice(0, 6)} ${xId.slice(6)} ` })
    expect(parsed.idNumber).toBe(xId.toUpperCase())
  })

  test('an employee needs an employer; a rider may leave it empty', () => {
    expect(problems(SaveProfileInput, { ...base, employer: '' })).toEqual({ employer: '请填写工作单位全称' })
    expect(problems(SaveProfileInput, { ...base, workerType: 'gig', employer: '' })).toEqual({})
  })

  test('names, phones and ID numbers are checked with words a worker understands', () => {
    expect(problems(SaveProfileInput, { ...base, name: '王', phone: '12345', idNumber: '110105199013320026' })).toEqual({
      name: '请填写真实姓名（至少2个字）',
      phone: '请填写11位手机号码',
      idNumber: '身份证号中的出生日期不正确，请核对',
    })
    expect(problems(SaveProfileInput, { ...base, name: 'Wang<script>' }).name).toBe('姓名只能包含汉字、字母或“·”')
  })

  test('an application must accept the 章程 and name a union', () => {
    expect(problems(SubmitApplicationInput, { unionId: '', employer: '某公司', job: '工人', acceptCharter: false })).toEqual({
      unionId: '请选择工会',
      acceptCharter: '请阅读并同意遵守《中国工会章程》',
    })
  })
})

