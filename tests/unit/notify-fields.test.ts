import {
  PHRASES,
  THING_MAX,
  formatAmount,
  formatCharacterString,
  formatField,
  formatName,
  formatPhrase,
  formatThing,
  formatTime,
  isValidFieldValue,
} from '../../shared/notify/fields'
import { TemplateKey, fieldTypesOf, formatTemplateData, templates, type TemplateData } from '../../shared/notify/templates'

const len = (s: string) => Array.from(s).length

describe('thing (≤20 characters)', () => {
  test('20 characters pass untouched, 21 are cut to 19 plus …', () => {
    const twenty = '一二三四五六七八九十'.repeat(2)
    expect(len(twenty)).toBe(20)
    expect(formatThing(twenty)).toBe(twenty)
    const result = formatThing(twenty + '吗')
    expect(len(result)).toBe(THING_MAX)
    expect(result).toBe(twenty.slice(0, 19) + '…')
    expect(isValidFieldValue('thing', result)).toBe(true)
  })

  test('counts characters, not UTF-16 units (an emoji or rare character is one)', () => {
    const text = '𠮷'.repeat(25)
    const result = formatThing(text)
    expect(len(result)).toBe(20)
    expect(result.endsWith('…')).toBe(true)
  })

  test('line breaks and runs of spaces become one space; empty text becomes 无', () => {
    expect(formatThing('第一行\n\n第二行   结束')).toBe('第一行 第二行 结束')
    expect(formatThing('   ')).toBe('无')
  })
})

describe('phrase (≤5 pure Chinese characters, fixed set)', () => {
  test('every allowed phrase obeys WeChat\'s rule', () => {
    for (const p of PHRASES) expect(isValidFieldValue('phrase', p)).toBe(true)
  })

  test('anything outside the set is refused', () => {
    expect(() => formatPhrase('通过了！')).toThrow(/not one of the allowed/)
    expect(() => formatPhrase('审批已经通过了')).toThrow()
    expect(isValidFieldValue('phrase', '已通过。')).toBe(false)
    expect(isValidFieldValue('phrase', '审批已经通过')).toBe(false)
    expect(isValidFieldValue('phrase', 'ok')).toBe(false)
  })
})

describe('name (≤10 Chinese or ≤20 letters)', () => {
  test('Chinese names are cut at 10, Latin names at 20, mixed text counts as Chinese', () => {
    expect(formatName('王*')).toBe('王*')
    expect(len(formatName('阿卜杜热合曼·买买提艾力江'))).toBe(10)
    expect(formatName('Alexander Christopher Smith')).toBe('Alexander Christophe')
    expect(len(formatName('Li强Li强Li强Li强Li强'))).toBe(10)
    for (const v of ['王*', formatName('Alexander Christopher Smith'), formatName('阿卜杜热合曼·买买提艾力江')]) expect(isValidFieldValue('name', v)).toBe(true)
    expect(isValidFieldValue('name', '阿卜杜热合曼·买买提艾')).toBe(false)
  })
})

describe('time, character_string, amount', () => {
  test('time is Beijing time as YYYY年M月D日 HH:mm', () => {
    expect(formatTime(new Date('2025-03-06T16:05:00Z'))).toBe('2025年3月7日 00:05')
    expect(isValidFieldValue('time', '2025年3月7日 00:05')).toBe(true)
    expect(isValidFieldValue('time', '2025-03-07 00:05')).toBe(false)
  })

  test('character_string keeps ≤32 ASCII letters, digits and symbols', () => {
    const value = formatCharacterString('会员号GHT-2025-' + '9'.repeat(40))
    expect(value.startsWith('GHT-2025-')).toBe(true)
    expect(value).toHaveLength(32)
    expect(isValidFieldValue('character_string', value)).toBe(true)
  })

  test('amount turns integer fen into yuan with at most 10 digits', () => {
    expect(formatAmount(0)).toBe('0元')
    expect(formatAmount(5)).toBe('0.05元')
    expect(formatAmount(300000)).toBe('3000元')
    expect(formatAmount(12345)).toBe('123.45元')
    expect(formatAmount(99_999_999_99)).toBe('99999999.99元')
    expect(formatAmount(1_000_000_000_00)).toBe('1000000000元')
    expect(() => formatAmount(1_000_000_000_000)).toThrow(/digits/)
    expect(() => formatAmount(1.5)).toThrow(/fen/)
    expect(isValidFieldValue('amount', '123.45元')).toBe(true)
  })

  test('formatField refuses a value of the wrong kind', () => {
    expect(() => formatField('time', '明天')).toThrow()
    expect(() => formatField('amount', '100')).toThrow()
  })
})

describe('templates', () => {
  test('every template is data: unique WeChat keys whose prefix is the field type', () => {
    for (const key of TemplateKey.options) {
      const fields = Object.values(templates[key].fields)
      expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length)
      for (const f of fields) expect(f.key).toMatch(new RegExp(`^${f.type}\\d+$`))
      expect(templates[key].title.length).toBeGreaterThan(0)
    }
  })

  test('formatTemplateData formats each field by its type and keys it for WeChat', () => {
    const data: TemplateData<'reviewTodo'> = {
      kind: '北京某建筑工程有限公司工会入会申请（农民工）',
      applicant: '李*',
      submittedAt: new Date('2025-03-07T02:30:00Z'),
      status: '待审批',
    }
    const out = formatTemplateData('reviewTodo', data)
    expect(out).toEqual({
      thing1: { value: '北京某建筑工程有限公司工会入会申请（农…' },
      name2: { value: '李*' },
      time3: { value: '2025年3月7日 10:30' },
      phrase4: { value: '待审批' },
    })
    const types = fieldTypesOf('reviewTodo')
    for (const [k, v] of Object.entries(out)) expect(isValidFieldValue(types[k], v.value)).toBe(true)
  })

  test('a missing field is a programming error', () => {
    // @ts-expect-error status is required
    expect(() => formatTemplateData('reviewResult', { kind: '入会申请', result: '已通过', decidedAt: new Date() })).toThrow(/needs field/)
  })

  test('phrases are typed: a word outside the set does not compile and fails at run time', () => {
    expect(() =>
      formatTemplateData('aidProgress', {
        scheme: '金秋助学',
        // @ts-expect-error not an allowed phrase
        status: '批了',
        remark: '',
        updatedAt: new Date(),
      }),
    ).toThrow(/allowed/)
  })
})
