import { fieldErrors } from '../../shared/contract'
import {
  answersSchema,
  attendanceLabel,
  cancelProblem,
  checkInProblem,
  eligibilityProblem,
  hasResults,
  isLate,
  parseAnswers,
  resultsProblem,
  ruleLines,
  scopeKeyOf,
  signupWindowProblem,
  tightenedRule,
  visibleScopeKeys,
  type Entrant,
} from '../../shared/events/rules'
import { EventFields, FormField, type EventFieldsInput, type EventStatus } from '../../shared/events/schemas'
import { CODE_PREFIX, PASS_PREFIX, parseCheckInToken, signedPart } from '../../shared/events/tokens'

/**
 * The pure rules of 工会活动 (shared/events): who may sign up, when, what a form answer must look
 * like, what an event must satisfy before it is saved, and how a scanned check-in code is read.
 */

const BUILD = ['u-district', 'u-street-wangjing', 'u-build']
const TECH = ['u-district', 'u-street-wangjing', 'u-tech']
const EXPRESS = ['u-district', 'u-street-gig', 'u-express']
const MIN = 60_000

type Scoped = Parameters<typeof eligibilityProblem>[0]
/** An event of 北京某建筑工程有限公司工会 for its own members, no gender or age rule; 2026-05-01 10:00 in Beijing. */
const event = (over: Partial<Scoped> = {}): Scoped => ({
  unionId: 'u-build',
  scope: 'union',
  membersOnly: true,
  unionIds: [],
  gender: 'any',
  minAge: null,
  maxAge: null,
  startAt: new Date('2026-05-01T02:00:00Z'),
  ...over,
})
const who = (over: Partial<Entrant> = {}): Entrant => ({ memberUnionPath: BUILD, gender: 'male', birthYear: 1990, ...over })

describe('报名资格: eligibilityProblem', () => {
  test.each<[string, Partial<Scoped>, Partial<Entrant>, string | null]>([
    ['a member of the organising union may sign up', {}, {}, null],
    ['a non-member is refused a members-only event', {}, { memberUnionPath: null }, '本活动仅限工会会员报名，请先入会'],
    ['a member of another union is refused a union-only event', {}, { memberUnionPath: TECH }, '本活动只面向指定工会的会员，您所在的工会不在范围内'],
    ['a member of a child union is refused the street federation’s union-only event', { unionId: 'u-street-wangjing' }, { memberUnionPath: TECH }, '本活动只面向指定工会的会员，您所在的工会不在范围内'],
    ['a subtree event accepts a member of a child union', { unionId: 'u-street-wangjing', scope: 'subtree' }, { memberUnionPath: TECH }, null],
    ['a subtree event accepts a member of a grandchild union', { unionId: 'u-district', scope: 'subtree' }, { memberUnionPath: EXPRESS }, null],
    ['a subtree event refuses a member outside the subtree', { unionId: 'u-street-wangjing', scope: 'subtree' }, { memberUnionPath: EXPRESS }, '本活动只面向指定工会的会员，您所在的工会不在范围内'],
    ['unionIds limits a subtree event to the listed unions’ subtrees: inside', { unionId: 'u-district', scope: 'subtree', unionIds: ['u-street-wangjing'] }, { memberUnionPath: TECH }, null],
    ['unionIds limits a subtree event to the listed unions’ subtrees: outside', { unionId: 'u-district', scope: 'subtree', unionIds: ['u-street-wangjing'] }, { memberUnionPath: EXPRESS }, '本活动只面向指定工会的会员，您所在的工会不在范围内'],
    ['unionIds naming one unit refuses its sibling', { unionId: 'u-street-wangjing', scope: 'subtree', unionIds: ['u-build'] }, { memberUnionPath: TECH }, '本活动只面向指定工会的会员，您所在的工会不在范围内'],
    ['an open event accepts a non-member', { membersOnly: false }, { memberUnionPath: null }, null],
    ['an open event accepts a member of another union', { membersOnly: false }, { memberUnionPath: EXPRESS }, null],
  ])('%s', (_name, e, w, expected) => {
    expect(eligibilityProblem(event(e), who(w))).toBe(expected)
  })

  test.each<[string, Partial<Entrant>, string | null]>([
    ['a woman may sign up', { gender: 'female' }, null],
    ['a man is refused', { gender: 'male' }, '本活动仅限女职工报名'],
    ['someone with no gender on file is asked for the ID number', { gender: null }, '本活动仅限女职工报名，请先在个人资料中填写身份证号'],
  ])('women-only: %s', (_name, w, expected) => {
    expect(eligibilityProblem(event({ gender: 'female' }), who(w))).toBe(expected)
  })

  test('men-only refuses a woman', () => {
    expect(eligibilityProblem(event({ gender: 'male' }), who({ gender: 'female' }))).toBe('本活动仅限男职工报名')
    expect(eligibilityProblem(event({ gender: 'male' }), who({ gender: 'male' }))).toBeNull()
  })

  test('the members-only check comes before the gender check', () => {
    expect(eligibilityProblem(event({ gender: 'female' }), who({ memberUnionPath: null, gender: 'male' }))).toBe('本活动仅限工会会员报名，请先入会')
  })

  // the event is in 2026 (Beijing time): age = 2026 - birth year
  test.each<[number, string | null]>([
    [2009, '本活动要求年满18岁'], // 17
    [2008, null], // 18, the lower bound
    [1991, null], // 35, the upper bound
    [1990, '本活动要求年龄不超过35岁'], // 36
  ])('age bounds 18–35: born %p', (birthYear, expected) => {
    expect(eligibilityProblem(event({ minAge: 18, maxAge: 35 }), who({ birthYear }))).toBe(expected)
  })

  test('age is counted in the Beijing year of the start: 2025-12-31 16:30 UTC is already 2026', () => {
    const newYearsNight = event({ minAge: 18, startAt: new Date('2025-12-31T16:30:00Z') })
    expect(eligibilityProblem(newYearsNight, who({ birthYear: 2008 }))).toBeNull()
    const beforeMidnight = event({ minAge: 18, startAt: new Date('2025-12-31T15:30:00Z') })
    expect(eligibilityProblem(beforeMidnight, who({ birthYear: 2008 }))).toBe('本活动要求年满18岁')
  })

  test('only a lower or only an upper bound', () => {
    expect(eligibilityProblem(event({ minAge: 50 }), who({ birthYear: 1980 }))).toBe('本活动要求年满50岁')
    expect(eligibilityProblem(event({ maxAge: 40 }), who({ birthYear: 1980 }))).toBe('本活动要求年龄不超过40岁')
    expect(eligibilityProblem(event({ maxAge: 46 }), who({ birthYear: 1980 }))).toBeNull()
  })

  test('an age rule needs a birth year on file', () => {
    expect(eligibilityProblem(event({ maxAge: 60 }), who({ birthYear: null }))).toBe('本活动有年龄要求，请先在个人资料中填写身份证号')
    expect(eligibilityProblem(event(), who({ birthYear: null }))).toBeNull()
  })
})

type Windowed = Parameters<typeof signupWindowProblem>[0]
const OPENS = new Date('2026-04-01T00:00:00Z')
const CLOSES = new Date('2026-04-20T00:00:00Z')
const windowed = (status: EventStatus = 'published'): Windowed => ({ status, signupOpensAt: OPENS, signupClosesAt: CLOSES })
const at = (base: Date, ms: number) => new Date(base.getTime() + ms)

describe('报名时间: signupWindowProblem', () => {
  test.each<[string, Windowed, Date, string | null]>([
    ['a millisecond before it opens', windowed(), at(OPENS, -1), '报名还没有开始'],
    ['the moment it opens', windowed(), OPENS, null],
    ['a millisecond before it closes', windowed(), at(CLOSES, -1), null],
    ['the moment it closes', windowed(), CLOSES, '报名已截止'],
    ['after it closes', windowed(), at(CLOSES, 86_400_000), '报名已截止'],
    ['a cancelled event, inside the window', windowed('cancelled'), at(OPENS, MIN), '活动已取消'],
    ['a draft, inside the window', windowed('draft'), at(OPENS, MIN), '活动还没有发布'],
    ['a finished event, inside the window', windowed('finished'), at(OPENS, MIN), '活动已结束'],
  ])('%s', (_name, e, now, expected) => {
    expect(signupWindowProblem(e, now)).toBe(expected)
  })
})

describe('取消报名: cancelProblem', () => {
  test.each<[string, Windowed, Date, string | null]>([
    ['before the deadline', windowed(), at(CLOSES, -1), null],
    ['even before sign-up opened', windowed(), at(OPENS, -1), null],
    ['at the deadline', windowed(), CLOSES, '报名已截止，不能再取消；如有特殊情况请联系工会'],
    ['a cancelled event', windowed('cancelled'), at(OPENS, MIN), '活动已取消'],
    ['a finished event', windowed('finished'), at(OPENS, MIN), '活动已结束'],
  ])('%s', (_name, e, now, expected) => {
    expect(cancelProblem(e, now)).toBe(expected)
  })
})

describe('签到: checkInProblem and isLate', () => {
  const START = new Date('2026-05-01T02:00:00Z')
  const END = new Date('2026-05-01T06:00:00Z')
  const on = (status: EventStatus = 'published') => ({ status, startAt: START, endAt: END })

  test.each<[string, ReturnType<typeof on>, Date, string | null]>([
    // START is 10:00 China time: the answer says when check-in opens, in China time
    ['61 minutes before the start', on(), at(START, -61 * MIN), '签到将于 5月1日 09:00 开放（活动开始前60分钟）'],
    ['a millisecond before the hour before', on(), at(START, -60 * MIN - 1), '签到将于 5月1日 09:00 开放（活动开始前60分钟）'],
    ['exactly 60 minutes before the start', on(), at(START, -60 * MIN), null],
    ['at the start', on(), START, null],
    ['a millisecond before the end', on(), at(END, -1), null],
    ['at the end', on(), END, '活动已结束，不能再签到'],
    ['a cancelled event during its hours', on('cancelled'), START, '活动已取消'],
    ['a draft during its hours', on('draft'), START, '活动还没有发布'],
  ])('%s', (_name, e, now, expected) => {
    expect(checkInProblem(e, now)).toBe(expected)
  })

  test.each<[number, number, boolean]>([
    [15, -30 * MIN, false],
    [15, 0, false],
    [15, 15 * MIN, false],
    [15, 15 * MIN + 1, true],
    [0, 0, false],
    [0, 1, true],
  ])('late after %p minutes: a scan %p ms after the start is late = %p', (lateAfterMinutes, offset, late) => {
    expect(isLate({ startAt: START, lateAfterMinutes }, at(START, offset))).toBe(late)
  })
})

describe('报名表: answersSchema and parseAnswers', () => {
  const fields = [
    FormField.parse({ key: 'f1', label: '姓名拼音', type: 'text' }),
    FormField.parse({ key: 'f2', label: '衣服尺码', type: 'choice', options: ['S', 'M', 'L'] }),
    FormField.parse({ key: 'f3', label: '参赛人数', type: 'number', min: 1, max: 3 }),
    FormField.parse({ key: 'f4', label: '备注', type: 'text', required: false }),
  ]
  const good = { f1: 'Wang Fang', f2: 'M', f3: 2 }

  test('accepts a complete form, trims text, coerces a typed number and drops unknown keys', () => {
    expect(parseAnswers(fields, { f1: '  Wang Fang ', f2: 'M', f3: '2', f9: 'extra' })).toEqual({ ok: true, answers: { f1: 'Wang Fang', f2: 'M', f3: 2 } })
  })

  test.each<[string, Record<string, string | number>, Record<string, string>]>([
    ['a required text left out', { f2: 'M', f3: 2 }, { 'answers.f1': '请填写姓名拼音' }],
    ['a required text of spaces', { ...good, f1: '   ' }, { 'answers.f1': '请填写姓名拼音' }],
    ['a text over 60 characters', { ...good, f1: '长'.repeat(61) }, { 'answers.f1': '姓名拼音最多60个字' }],
    ['a choice not among the options', { ...good, f2: 'XL' }, { 'answers.f2': '请选择衣服尺码' }],
    ['a required choice left out', { f1: 'Wang', f3: 2 }, { 'answers.f2': '请选择衣服尺码' }],
    ['a number below the minimum', { ...good, f3: 0 }, { 'answers.f3': '参赛人数不能小于1' }],
    ['a number above the maximum', { ...good, f3: 4 }, { 'answers.f3': '参赛人数不能大于3' }],
    ['a number with a fraction', { ...good, f3: 1.5 }, { 'answers.f3': '参赛人数请填写整数' }],
    ['a number that is not a number', { ...good, f3: '两个' }, { 'answers.f3': '参赛人数请填写数字' }],
    ['several problems at once, one message per field', { f2: 'XXL', f3: 9 }, { 'answers.f1': '请填写姓名拼音', 'answers.f2': '请选择衣服尺码', 'answers.f3': '参赛人数不能大于3' }],
  ])('refuses %s', (_name, raw, expected) => {
    expect(parseAnswers(fields, raw)).toEqual({ ok: false, fields: expected })
  })

  test('an optional field may be empty or missing, and an empty answer is not kept', () => {
    expect(parseAnswers(fields, { ...good, f4: '' })).toEqual({ ok: true, answers: good })
    expect(parseAnswers(fields, good)).toEqual({ ok: true, answers: good })
    expect(parseAnswers(fields, { ...good, f4: '要素食' })).toEqual({ ok: true, answers: { ...good, f4: '要素食' } })
  })

  const optional = [
    FormField.parse({ key: 'f1', label: '班次', type: 'choice', options: ['早班', '晚班'], required: false }),
    FormField.parse({ key: 'f2', label: '人数', type: 'number', min: 1, max: 3, required: false }),
    FormField.parse({ key: 'f3', label: '备注', type: 'text', required: false }),
  ]

  test('optional fields of every type may be left empty', () => {
    expect(parseAnswers(optional, { f1: '', f2: '', f3: '' })).toEqual({ ok: true, answers: {} })
    expect(parseAnswers(optional, { f1: '晚班', f2: 3 })).toEqual({ ok: true, answers: { f1: '晚班', f2: 3 } })
  })

  test('an optional number out of bounds and an optional text too long get their own messages', () => {
    expect(parseAnswers(optional, { f2: 9 })).toEqual({ ok: false, fields: { 'answers.f2': '人数不能大于3' } })
    expect(parseAnswers(optional, { f3: '长'.repeat(61) })).toEqual({ ok: false, fields: { 'answers.f3': '备注最多60个字' } })
  })

  test('an optional choice outside its options is refused with “请选择班次”, not a generic message', () => {
    expect(parseAnswers(optional, { f1: '夜班' })).toEqual({ ok: false, fields: { 'answers.f1': '请选择班次' } })
  })

  test('a number field without bounds takes any whole number', () => {
    const free = [FormField.parse({ key: 'f1', label: '工龄', type: 'number' })]
    expect(answersSchema(free).parse({ f1: 0 })).toEqual({ f1: 0 })
    expect(answersSchema(free).parse({ f1: -3 })).toEqual({ f1: -3 })
  })

  test('an event without fields takes an empty form and ignores stray answers', () => {
    expect(parseAnswers([], {})).toEqual({ ok: true, answers: {} })
    expect(parseAnswers([], { f1: 'x' })).toEqual({ ok: true, answers: {} })
  })
})

describe('发布活动: EventFields checks, with the messages a chair reads', () => {
  const base: EventFieldsInput = {
    title: '职工篮球赛',
    kind: 'sports',
    place: '望京体育馆',
    startAt: '2026-05-01T02:00:00Z',
    endAt: '2026-05-01T06:00:00Z',
    signupOpensAt: '2026-04-01T00:00:00Z',
    signupClosesAt: '2026-04-30T00:00:00Z',
    capacity: 100,
  }
  const problems = (over: Partial<EventFieldsInput>) => {
    const res = EventFields.safeParse({ ...base, ...over })
    return res.success ? {} : fieldErrors(res.error)
  }

  test('a plain event parses, with the defaults a form leaves out', () => {
    const parsed = EventFields.parse(base)
    expect(parsed).toMatchObject({ scope: 'union', membersOnly: true, unionIds: [], gender: 'any', minAge: null, maxAge: null, mode: 'individual', teamSize: null, fields: [], needsApproval: false, lateAfterMinutes: 15, description: '' })
    expect(parsed.startAt).toEqual(new Date('2026-05-01T02:00:00Z'))
  })

  test.each<[string, Partial<EventFieldsInput>, Record<string, string>]>([
    ['an end before the start', { endAt: '2026-05-01T01:00:00Z' }, { endAt: '结束时间要晚于开始时间' }],
    ['an end equal to the start', { endAt: '2026-05-01T02:00:00Z' }, { endAt: '结束时间要晚于开始时间' }],
    ['sign-up closing after the start', { signupClosesAt: '2026-05-01T03:00:00Z' }, { signupClosesAt: '报名截止时间不能晚于活动开始时间' }],
    ['sign-up closing before it opens', { signupClosesAt: '2026-03-01T00:00:00Z' }, { signupClosesAt: '报名截止时间要晚于报名开始时间' }],
    ['team mode without a team size', { mode: 'team' }, { teamSize: '组队报名请填写每队人数' }],
    ['a minimum age above the maximum', { minAge: 40, maxAge: 30 }, { maxAge: '最大年龄不能小于最小年龄' }],
    [
      'two form fields with the same key',
      { fields: [{ key: 'f1', label: '尺码', type: 'text' }, { key: 'f1', label: '班次', type: 'text' }] },
      { 'fields.1.key': '填写项编号重复' },
    ],
  ])('refuses %s', (_name, over, expected) => {
    expect(problems(over)).toEqual(expected)
  })

  test('sign-up may close exactly at the start', () => {
    expect(problems({ signupClosesAt: base.startAt })).toEqual({})
  })

  test('a team event with a size is accepted', () => {
    expect(problems({ mode: 'team', teamSize: 5 })).toEqual({})
  })

  test.each<[string, Partial<EventFieldsInput>, Record<string, string>]>([
    ['a one-character title', { title: '赛' }, { title: '活动名称至少2个字' }],
    ['a title over 30 characters', { title: '篮'.repeat(31) }, { title: '活动名称最多30个字' }],
    ['no place', { place: ' ' }, { place: '请填写活动地点' }],
    ['no seats', { capacity: 0 }, { capacity: '名额至少1个' }],
    ['more seats than allowed', { capacity: 2001 }, { capacity: '名额最多2000个' }],
    ['a fractional capacity', { capacity: 10.5 }, { capacity: '名额必须是整数' }],
    ['a one-person team', { mode: 'team', teamSize: 1 }, { teamSize: '每队至少2人' }],
    ['a choice field with one option', { fields: [{ key: 'f1', label: '尺码', type: 'choice', options: ['M'] }] }, { 'fields.0.options': '单选项至少要有2个选项' }],
    ['a number field whose max is below its min', { fields: [{ key: 'f1', label: '人数', type: 'number', min: 5, max: 2 }] }, { 'fields.0.max': '最大值不能小于最小值' }],
    ['a field key not like f1', { fields: [{ key: 'size', label: '尺码', type: 'text' }] }, { 'fields.0.key': '填写项编号不正确' }],
    ['a minimum age under 16', { minAge: 15 }, { minAge: '最小年龄不能小于16岁' }],
  ])('refuses %s', (_name, over, expected) => {
    expect(problems(over)).toEqual(expected)
  })
})

describe('谁能看到: scopeKeyOf and visibleScopeKeys', () => {
  test('a union’s own events and a federation’s subtree events have different keys', () => {
    expect(scopeKeyOf('union', 'u-build')).toBe('u:u-build')
    expect(scopeKeyOf('subtree', 'u-street-wangjing')).toBe('t:u-street-wangjing')
  })

  test('a member sees their own union’s events and every ancestor’s subtree events', () => {
    expect(visibleScopeKeys(TECH)).toEqual(['u:u-tech', 't:u-district', 't:u-street-wangjing', 't:u-tech'])
  })

  test('a member of 科技公司 sees the street’s subtree events but not its union-only events, nor 建筑公司’s', () => {
    const keys = visibleScopeKeys(TECH)
    expect(keys).toContain(scopeKeyOf('subtree', 'u-street-wangjing'))
    expect(keys).not.toContain(scopeKeyOf('union', 'u-street-wangjing'))
    expect(keys).not.toContain(scopeKeyOf('union', 'u-build'))
    expect(keys).not.toContain(scopeKeyOf('subtree', 'u-street-gig'))
  })

  test('no path, no keys', () => {
    expect(visibleScopeKeys([])).toEqual([])
  })
})

describe('签到情况: attendanceLabel', () => {
  const checked = new Date('2026-05-01T02:05:00Z')
  test.each<[string, Parameters<typeof attendanceLabel>[0], string]>([
    ['checked in on time', { status: 'confirmed', checkedInAt: checked, late: false, noShow: false }, '已签到'],
    ['checked in late', { status: 'confirmed', checkedInAt: checked, late: true, noShow: false }, '迟到'],
    ['not yet checked in', { status: 'confirmed', checkedInAt: null, late: false, noShow: false }, '未签到'],
    ['marked absent', { status: 'confirmed', checkedInAt: null, late: false, noShow: true }, '缺席'],
    ['waitlisted', { status: 'waitlisted', checkedInAt: null, late: false, noShow: false }, ''],
    ['pending review', { status: 'pending', checkedInAt: null, late: false, noShow: false }, ''],
    ['cancelled, even if once checked in', { status: 'cancelled', checkedInAt: checked, late: false, noShow: false }, ''],
  ])('%s', (_name, s, label) => {
    expect(attendanceLabel(s)).toBe(label)
  })
})

describe('谁可以报名, in plain words: ruleLines', () => {
  const rules = { scope: 'subtree' as const, membersOnly: true, unionIds: [], unionId: 'u-street-wangjing', gender: 'female' as const, minAge: 18, maxAge: 45, mode: 'team' as const, teamSize: 5, needsApproval: true }
  test('a subtree women’s team event with age limits and review', () => {
    expect(ruleLines(rules, '望京街道工会联合会')).toEqual([
      '望京街道工会联合会及下属工会的会员可以报名',
      '仅限女职工',
      '年龄18至45岁',
      '组队报名，每队5人（含队长），名额按队计算',
      '报名后需工会审核',
    ])
  })
  test('an open event with only a lower age bound', () => {
    expect(ruleLines({ ...rules, membersOnly: false, gender: 'any', maxAge: null, mode: 'individual', teamSize: null, needsApproval: false }, '望京街道工会联合会')).toEqual([
      '公开活动，所有职工都可以报名',
      '年满18岁',
    ])
  })
})

describe('签到二维码: parseCheckInToken', () => {
  const SIG = 'AbCdEfGhIjKlMnOp_-12'
  const exp = (1_777_000_000_000).toString(36)

  test('reads a pass whose signup id contains dots, taking expiry and signature from the end', () => {
    const text = `${PASS_PREFIX}.evt-1.a1b2c3d4e5.${exp}.${SIG}`
    expect(parseCheckInToken(text)).toEqual({
      prefix: 'GHE1',
      subject: 'evt-1.a1b2c3d4e5',
      expiresAt: 1_777_000_000_000,
      signature: SIG,
      signed: `GHE1.evt-1.a1b2c3d4e5.${exp}`,
    })
  })

  test('the signed part it reports is the one signedPart builds, for a rotating event code', () => {
    const signed = signedPart(CODE_PREFIX, 'evt_42', 1_777_000_000_000)
    const parsed = parseCheckInToken(`  ${signed}.${SIG}\n`)
    expect(parsed).toMatchObject({ prefix: 'GHC1', subject: 'evt_42', expiresAt: 1_777_000_000_000, signed })
  })

  test.each<[string, string]>([
    ['a wrong prefix', `GHX1.evt-1.${exp}.${SIG}`],
    ['the membership card prefix', `GHM1.evt-1.${exp}.${SIG}`],
    ['a lower-case prefix', `ghe1.evt-1.${exp}.${SIG}`],
    ['too few parts', `GHE1.${exp}.${SIG}`],
    ['an empty subject', `GHE1..${exp}.${SIG}`],
    ['a subject with a space', `GHE1.evt 1.${exp}.${SIG}`],
    ['an expiry with upper-case letters', `GHE1.evt-1.${exp.toUpperCase()}Z.${SIG}`],
    ['an expiry longer than 10 characters', `GHE1.evt-1.${'1'.repeat(11)}.${SIG}`],
    ['a signature too short', `GHE1.evt-1.${exp}.short`],
    ['a signature with a plus sign', `GHE1.evt-1.${exp}.AbCdEfGh+jKlMnOp12`],
    ['garbage', 'https://example.com/?q=1'],
    ['an empty text', ''],
  ])('refuses %s', (_name, text) => {
    expect(parseCheckInToken(text)).toBeNull()
  })
})

describe('收紧报名条件: tightenedRule', () => {
  test('relaxing or keeping the rules is allowed', () => {
    expect(tightenedRule(event(), event())).toBeNull()
    expect(tightenedRule(event({ minAge: 30, maxAge: 50, gender: 'female' }), event({ minAge: 20, maxAge: null, gender: 'any' }))).toBeNull()
    expect(tightenedRule(event({ scope: 'union' }), event({ scope: 'subtree' }))).toBeNull()
    expect(tightenedRule(event({ unionIds: ['u-build'] }), event({ unionIds: ['u-build', 'u-tech'] }))).toBeNull()
    expect(tightenedRule(event({ membersOnly: true }), event({ membersOnly: false }))).toBeNull()
  })
  test('each tightening is named with its field', () => {
    expect(tightenedRule(event({ membersOnly: false }), event({ membersOnly: true }))?.field).toBe('membersOnly')
    expect(tightenedRule(event({ scope: 'subtree' }), event({ scope: 'union' }))?.field).toBe('scope')
    expect(tightenedRule(event(), event({ unionIds: ['u-build'] }))?.field).toBe('unionIds')
    expect(tightenedRule(event({ unionIds: ['u-build', 'u-tech'] }), event({ unionIds: ['u-build'] }))?.field).toBe('unionIds')
    expect(tightenedRule(event(), event({ gender: 'male' }))?.field).toBe('gender')
    expect(tightenedRule(event({ gender: 'female' }), event({ gender: 'male' }))?.field).toBe('gender')
    expect(tightenedRule(event({ minAge: 18 }), event({ minAge: 19 }))?.field).toBe('minAge')
    expect(tightenedRule(event(), event({ maxAge: 60 }))?.field).toBe('maxAge')
  })
})

describe('比赛成绩: resultsProblem', () => {
  const at = new Date('2026-05-01T02:00:00Z')
  test('contests only (文体活动, 技能竞赛), not lectures', () => {
    expect(hasResults('sports')).toBe(true)
    expect(hasResults('skills')).toBe(true)
    expect(hasResults('training')).toBe(false)
    expect(resultsProblem({ kind: 'training', status: 'published', startAt: at }, new Date(at.getTime() + MIN))).toBe('这类活动没有比赛成绩')
  })
  test('from the start on, on a published or finished event', () => {
    expect(resultsProblem({ kind: 'sports', status: 'published', startAt: at }, new Date(at.getTime() - MIN))).toBe('活动开始后才能录入成绩')
    expect(resultsProblem({ kind: 'sports', status: 'published', startAt: at }, at)).toBeNull()
    expect(resultsProblem({ kind: 'skills', status: 'finished', startAt: at }, new Date(at.getTime() + MIN))).toBeNull()
    expect(resultsProblem({ kind: 'skills', status: 'cancelled', startAt: at }, new Date(at.getTime() + MIN))).toBe('活动未发布或已取消，不能录入成绩')
  })
})
