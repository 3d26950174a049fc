import { AppError } from '../../shared/contract/envelope'
import { BankCard, bankCardMessages, findBankCardProblem, luhnCheckDigit } from '../../shared/privacy/bankCard'
import { findBankCards, findIdNumbers, redactSensitive } from '../../shared/privacy/detect'
import {
  IdNumber,
  ageOn,
  birthDateOf,
  findIdNumberProblem,
  idCheckChar,
  idNumberMessages,
  isUnder14,
  isValidIdNumber,
  sexOf,
} from '../../shared/privacy/idNumber'
import { maskBankCard, maskIdNumber, maskName, maskPhone, nameFor, titleForOwner } from '../../shared/privacy/mask'
import { SealedField } from '../../shared/privacy/sealed'
import { decryptField, encryptField, keyedHash, openSensitive, sealSensitive } from '../../server/privacy/crypto'

// ---- an independent implementation of the two check algorithms, to build test data from ----

/** ISO 7064 MOD 11-2, the recursive form of the standard (not the weight table the code uses). */
function mod11_2(first17: string): string {
  let p = 0
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11
  const c = (12 - p) % 11
  return c === 10 ? 'X' : String(c)
}
/** A valid ID number from region + birth date + sequence. */
const idOf = (region: string, birth: string, seq = '123') => region + birth + seq + mod11_2(region + birth + seq)

/** Luhn validity, written the other way round (left to right with parity of the length). */
function luhnOk(digits: string): boolean {
  const parity = digits.length % 2
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i])
    if (i % 2 === parity) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}
/** A valid card number of `length` digits built from a prefix, with the check digit found by trying all ten. */
function cardOf(prefix: string, length: number): string {
  const body = (prefix + '3141592653589793238462').slice(0, length - 1)
  for (let d = 0; d <= 9; d++) if (luhnOk(body + d)) return body + d
  throw new Error('unreachable')
}

// a fixed "now": 2025-03-07 00:30 in Beijing, still 6 March in UTC
const NOW = new Date('2025-03-06T16:30:00Z')

describe('ID number (GB 11643-1999)', () => {
  test('the check character matches the standard\'s own examples and the recursive algorithm', () => {
    // examples printed in GB 11643-1999 appendix; verified here with the independent algorithm, not trusted
    expect(mod11_2('11010519491231002')).toBe('X')
    expect(mod11_2('44052418800101001')).toBe('4')
    for (const first17 of ['11010519491231002', '44052418800101001', '11010119900307123', '65010220000229999', '00000000000000000']) {
      expect(idCheckChar(first17)).toBe(mod11_2(first17))
    }
  })

  test('every one of the eleven check characters is computed like the recursive form', () => {
    const seen = new Set<string>()
    for (let seq = 0; seq < 400 && seen.size < 11; seq++) {
      const first17 = '1101011990030' + String(seq).padStart(4, '0')
      expect(idCheckChar(first17)).toBe(mod11_2(first17))
      seen.add(mod11_2(first17))
    }
    expect(seen.size).toBe(11)
  })

  test('accepts a valid number, a lowercase x, and spaces people type', () => {
    const withX = idOf('110105', '19491231', '002')
    expect(withX.endsWith('X')).toBe(true)
    expect(IdNumber.parse(withX)).toBe(withX)
    expect(IdNumber.parse(withX.toLowerCase())).toBe(withX)
    const plain = idOf('110101', '19900307')
    expect(IdNumber.parse(` ${plain.slice(0, 6)} ${plain.slice(6, 14)} ${plain.slice(14)} `)).toBe(plain)
  })

  test('rejects every wrong check character with the check-digit message', () => {
    const good = idOf('110101', '19900307')
    for (const wrong of '0123456789X') {
      if (wrong === good[17]) continue
      const result = IdNumber.safeParse(good.slice(0, 17) + wrong)
      expect(result.success).toBe(false)
      expect(result.error?.issues[0].message).toBe('身份证号最后一位校验码不对，请核对')
    }
  })

  test('length and format', () => {
    const good = idOf('110101', '19900307')
    expect(findIdNumberProblem('', NOW)).toBe('required')
    expect(findIdNumberProblem(good.slice(0, 17), NOW)).toBe('length')
    expect(findIdNumberProblem(good + '1', NOW)).toBe('length')
    expect(findIdNumberProblem('110101900307123', NOW)).toBe('oldFormat')
    expect(findIdNumberProblem('11010119900307A23' + '4', NOW)).toBe('format')
    expect(findIdNumberProblem('X10101199003071234', NOW)).toBe('format')
  })

  test('region: a real province prefix, including 港澳台 residence permits', () => {
    expect(findIdNumberProblem(idOf('990101', '19900307'), NOW)).toBe('region')
    expect(findIdNumberProblem(idOf('000000', '19900307'), NOW)).toBe('region')
    expect(findIdNumberProblem(idOf('200101', '19900307'), NOW)).toBe('region')
    for (const region of ['110101', '650102', '810000', '820000', '830000']) expect(findIdNumberProblem(idOf(region, '19900307'), NOW)).toBeNull()
  })

  test('birth date must exist: months, month lengths and leap years', () => {
    const problem = (birth: string) => findIdNumberProblem(idOf('110101', birth), NOW)
    expect(problem('19900230')).toBe('birth')
    expect(problem('19901301')).toBe('birth')
    expect(problem('19900001')).toBe('birth')
    expect(problem('19900100')).toBe('birth')
    expect(problem('19900431')).toBe('birth')
    expect(problem('19900430')).toBeNull()
    expect(problem('20230229')).toBe('birth')
    expect(problem('20240229')).toBeNull()
    expect(problem('19000229')).toBe('birth') // 1900 is not a leap year
    expect(problem('20000229')).toBeNull() // 2000 is
    expect(idNumberMessages.birth).toContain('出生日期不正确')
  })

  test('birth date must be plausible: not before 1900, not after today in Beijing', () => {
    const problem = (birth: string) => findIdNumberProblem(idOf('110101', birth), NOW)
    expect(problem('18991231')).toBe('birth')
    expect(problem('19000101')).toBeNull()
    // NOW is 7 March in Beijing although 6 March in UTC: a baby born today is valid, tomorrow is not
    expect(problem('20250307')).toBeNull()
    expect(problem('20250308')).toBe('future')
    expect(problem('20260101')).toBe('future')
  })

  test('the schema gives the Chinese message for each problem', () => {
    const messageFor = (value: unknown) => {
      const r = IdNumber.safeParse(value)
      return r.success ? null : r.error.issues[0].message
    }
    expect(messageFor(undefined)).toBe(idNumberMessages.required)
    expect(messageFor('110101900307123')).toBe(idNumberMessages.oldFormat)
    expect(messageFor(idOf('110101', '19900230'))).toBe(idNumberMessages.birth)
    expect(messageFor(idOf('990101', '19900307'))).toBe(idNumberMessages.region)
  })

  test('derives birth date, sex and age; the birthday itself counts', () => {
    const id = idOf('110101', '20110307', '124') // even 17th digit → female
    expect(birthDateOf(id)).toEqual({ year: 2011, month: 3, day: 7 })
    expect(sexOf(id)).toBe('female')
    expect(sexOf(idOf('110101', '20110307', '123'))).toBe('male')
    // 14th birthday on 2025-03-07 (Beijing): NOW is that day already in Beijing
    expect(ageOn(id, NOW)).toBe(14)
    expect(isUnder14(id, NOW)).toBe(false)
    expect(ageOn(id, new Date('2025-03-06T15:59:00Z'))).toBe(13) // 23:59 on 6 March in Beijing
    expect(isUnder14(id, new Date('2025-03-06T15:59:00Z'))).toBe(true)
  })

  test('a 29 February birthday turns a year older on 1 March in common years', () => {
    const id = idOf('110101', '20080229')
    expect(ageOn(id, new Date('2022-02-28T04:00:00Z'))).toBe(13)
    expect(ageOn(id, new Date('2022-03-01T04:00:00Z'))).toBe(14)
    expect(ageOn(id, new Date('2024-02-29T04:00:00Z'))).toBe(16)
  })

  test('isValidIdNumber normalizes before checking', () => {
    expect(isValidIdNumber(idOf('110105', '19491231', '002').toLowerCase(), NOW)).toBe(true)
    expect(isValidIdNumber('1101', NOW)).toBe(false)
  })
})

describe('bank card (Luhn, 12–19 digits)', () => {
  test('the check digit agrees with an independent Luhn', () => {
    for (const body of ['622202020011234567', '4111111111111111'.slice(0, 15), '79927398713'.slice(0, 10), '6217000010000000']) {
      expect(luhnOk(body + luhnCheckDigit(body))).toBe(true)
    }
    expect(luhnOk('79927398713')).toBe(true) // the classic worked example
    expect(findBankCardProblem('79927398713')).toBe('length') // valid Luhn but 11 digits
  })

  test('length boundaries 12 and 19 pass, 11 and 20 fail', () => {
    expect(findBankCardProblem(cardOf('62', 11))).toBe('length')
    expect(findBankCardProblem(cardOf('62', 12))).toBeNull()
    expect(findBankCardProblem(cardOf('62', 19))).toBeNull()
    expect(findBankCardProblem(cardOf('62', 20))).toBe('length')
  })

  test('a mistyped digit is caught; spaces and dashes are allowed', () => {
    const card = cardOf('6222', 19)
    const typo = card.slice(0, 5) + String((Number(card[5]) + 1) % 10) + card.slice(6)
    expect(findBankCardProblem(typo)).toBe('checkDigit')
    expect(BankCard.safeParse(typo).error?.issues[0].message).toBe(bankCardMessages.checkDigit)
    const grouped = card.replace(/(\d{4})/g, '$1 ').trim()
    expect(BankCard.parse(grouped)).toBe(card)
    expect(BankCard.parse(card.slice(0, 6) + '-' + card.slice(6))).toBe(card)
    expect(BankCard.safeParse('6222abc').error?.issues[0].message).toBe(bankCardMessages.format)
  })
})

describe('masks', () => {
  test('as DESIGN shows them', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234')
    expect(maskName('张三丰')).toBe('张*丰')
    expect(maskName('王芳')).toBe('王*')
    expect(maskName('李')).toBe('*')
    expect(maskName('买买提·艾力')).toBe('买****力')
    expect(maskPhone('13800000000')).toBe('138****0000')
    expect(maskBankCard('6222 0202 0011 2345 678')).toBe('**** **** **** 5678')
  })

  test('one name mask: first and last kept from three characters, so 李*强 and 李*明 stay apart; the same in a title and its body', () => {
    expect(maskName('李志强')).toBe('李*强')
    expect(maskName('李志明')).not.toBe(maskName('李志强'))
    expect(maskName(' 欧阳明华 ')).toBe('欧**华')
    expect(nameFor('李志强', false)).toBe('李*强')
    // its owner (or a reviewer entitled to it) gets it as it is
    expect(nameFor(' 李志强', true)).toBe('李志强')
  })

  test('a title written with the applicant’s masked name shows its owner the full name, and nobody else’s', () => {
    expect(titleForOwner('李*强申请入会', '李*强', '李志强')).toBe('李志强申请入会')
    // a different person whose mask happens to differ keeps the title as stored
    expect(titleForOwner('李*强申请入会', '李*强', '王芳')).toBe('李*强申请入会')
    // titles that do not start with the name (活动名称, 事由) are left alone
    expect(titleForOwner('职工趣味运动会', '李*强', '李志强')).toBe('职工趣味运动会')
    expect(titleForOwner('李*强申请入会', '李*强', '')).toBe('李*强申请入会')
  })

  test('a masked value is not detected as a full number', () => {
    const id = idOf('110101', '19900307')
    expect(findIdNumbers(`身份证 ${id}`, NOW)).toEqual([id])
    expect(findIdNumbers(`身份证 ${maskIdNumber(id)}`, NOW)).toEqual([])
    const card = cardOf('6222', 19)
    expect(findBankCards(`卡号 ${card.replace(/(\d{4})/g, '$1 ')}`)).toEqual([card])
    expect(findBankCards(`卡号 ${maskBankCard(card)}`)).toEqual([])
  })

  test('redaction masks full numbers in free text and leaves other numbers alone', () => {
    const id = idOf('110101', '19900307')
    const card = cardOf('6222', 19)
    const grouped = card.replace(/(\d{4})/g, '$1 ').trim()
    expect(redactSensitive(`身份证${id}，卡号 ${grouped}。电话13800000000，金额3000元`, NOW)).toBe(
      `身份证${maskIdNumber(id)}，卡号 ${maskBankCard(card)}。电话13800000000，金额3000元`,
    )
    expect(redactSensitive('订单号 2025030712345678 已受理', NOW)).toBe('订单号 2025030712345678 已受理')
  })
})

describe('field encryption and keyed hash', () => {
  const saved = { ...process.env }
  const KEY_1 = Buffer.alloc(32, 1).toString('base64')
  const KEY_2 = Buffer.alloc(32, 2).toString('base64')
  const HASH_A = Buffer.alloc(32, 7).toString('base64')
  const HASH_B = Buffer.alloc(32, 8).toString('base64')
  let errors: jest.SpyInstance
  beforeEach(() => {
    process.env.GHT_FIELD_KEY = `v1:${KEY_1}`
    process.env.GHT_HASH_KEY = HASH_A
    // failures log a line for the operator; keep the test output clean
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errors.mockRestore())
  afterAll(() => {
    for (const key of ['GHT_FIELD_KEY', 'GHT_HASH_KEY'] as const) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
  })
  const id = idOf('110101', '19900307')

  test('seals to { enc, hash, masked } with no trace of the plain value, and opens again', () => {
    const sealed = sealSensitive(id, 'idNumber')
    expect(SealedField.parse(sealed)).toEqual(sealed)
    expect(sealed.masked).toBe(maskIdNumber(id))
    expect(JSON.stringify(sealed)).not.toContain(id)
    expect(JSON.stringify(sealed)).not.toContain(id.slice(4, 14))
    expect(openSensitive(sealed)).toBe(id)
  })

  test('a fresh IV each time: equal values give different ciphertexts but the same hash', () => {
    const a = sealSensitive(id, 'idNumber')
    const b = sealSensitive(id, 'idNumber')
    expect(a.enc.iv).not.toBe(b.enc.iv)
    expect(a.enc.ct).not.toBe(b.enc.ct)
    expect(a.hash).toBe(b.hash)
    expect(a.hash).not.toBe(keyedHash(idOf('110101', '19900308')))
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  test('the hash depends on the key, so it cannot be recomputed from the number alone', () => {
    const withA = keyedHash(id)
    process.env.GHT_HASH_KEY = HASH_B
    expect(keyedHash(id)).not.toBe(withA)
  })

  test('a tampered ciphertext or tag fails authentication (INTERNAL), never returns garbage', () => {
    const sealed = sealSensitive(id, 'idNumber')
    const ct = Buffer.from(sealed.enc.ct, 'base64')
    ct[0] ^= 1
    expect(() => decryptField({ ...sealed.enc, ct: ct.toString('base64') })).toThrow(AppError)
    const tag = Buffer.from(sealed.enc.tag, 'base64')
    tag[0] ^= 1
    expect(() => decryptField({ ...sealed.enc, tag: tag.toString('base64') })).toThrow(AppError)
  })

  test('key rotation: new values use the first key, old values still open with theirs', () => {
    const old = encryptField('旧值')
    expect(old.v).toBe(1)
    process.env.GHT_FIELD_KEY = `v2:${KEY_2},v1:${KEY_1}`
    const fresh = encryptField('新值')
    expect(fresh.v).toBe(2)
    expect(decryptField(old)).toBe('旧值')
    expect(decryptField(fresh)).toBe('新值')
    process.env.GHT_FIELD_KEY = `v2:${KEY_2}`
    expect(() => decryptField(old)).toThrow(AppError)
  })

  test('a bare base64 key is version 1', () => {
    process.env.GHT_FIELD_KEY = KEY_1
    const sealed = encryptField('x')
    expect(sealed.v).toBe(1)
    process.env.GHT_FIELD_KEY = `v1:${KEY_1}`
    expect(decryptField(sealed)).toBe('x')
  })

  test('missing or malformed keys fail with INTERNAL instead of storing plain text', () => {
    delete process.env.GHT_FIELD_KEY
    expect(() => sealSensitive(id, 'idNumber')).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    process.env.GHT_FIELD_KEY = Buffer.alloc(16, 1).toString('base64')
    expect(() => encryptField(id)).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    process.env.GHT_FIELD_KEY = `v1:${KEY_1}`
    delete process.env.GHT_HASH_KEY
    expect(() => sealSensitive(id, 'idNumber')).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('GHT_HASH_KEY is missing'))
  })

  test('openSensitive refuses something that is not a sealed field', () => {
    expect(() => openSensitive(id)).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
  })
})
