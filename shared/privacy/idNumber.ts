import { z } from 'zod'
import { dayjs, TZ } from '../date'

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male), 1 check character computed with ISO 7064 MOD 11-2.
 */
export const ID_NUMBER_LENGTH = 18

// ISO 7064 MOD 11-2: weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11)
// remainder r of Σ(digit × weight) mod 11 → check character
const CHECK_CHARS = '10X98765432'

/**
 * First two digits of the region code: provinces of the mainland (GB/T 2260), 71 台湾,
 * 81 香港 and 82 澳门 (also used by 港澳台居民居住证), 83 台湾居民居住证.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
])

/** Oldest birth year we accept: nobody alive was born before it. */
export const OLDEST_BIRTH_YEAR = 1900

export const idNumberMessages = {
  required: '请填写身份证号',
  oldFormat: '请填写18位身份证号（15位的老号码请换成新身份证上的号码）',
  length: '身份证号应为18位',
  format: '身份证号前17位应为数字，最后一位为数字或X',
  region: '身份证号前6位（地区码）不正确，请核对',
  birth: '身份证号中的出生日期不正确，请核对',
  future: '身份证号中的出生日期晚于今天，请核对',
  checkDigit: '身份证号最后一位校验码不对，请核对',
} as const

export type IdNumberProblem = keyof typeof idNumberMessages

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar needs exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Removes spaces people type or paste in the middle, upper-cases a trailing x. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000-]/g, '').toUpperCase()
}

export interface BirthDate {
  year: number
  month: number
  day: number
}

function parseBirth(digits8: string): BirthDate | null {
  const year = Number(digits8.slice(0, 4))
  const month = Number(digits8.slice(4, 6))
  const day = Number(digits8.slice(6, 8))
  if (month < 1 || month > 12 || day < 1) return null
  // day 0 of the next month is the last day of this one (handles 29 February)
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  return { year, month, day }
}

/** Today's date in China: a birth date "in the future" is judged by the calendar in Beijing. */
function todayInChina(now: Date): BirthDate {
  const d = dayjs(now).tz(TZ)
  return { year: d.year(), month: d.month() + 1, day: d.date() }
}

const asNumber = (d: BirthDate) => d.year * 10000 + d.month * 100 + d.day

/** The first problem with an ID number (already normalized), or null when it is valid. */
export function findIdNumberProblem(id: string, now: Date = new Date()): IdNumberProblem | null {
  if (id.length === 0) return 'required'
  if (id.length === 15 && /^\d{15}$/.test(id)) return 'oldFormat'
  if (id.length !== ID_NUMBER_LENGTH) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'region'
  const birth = parseBirth(id.slice(6, 14))
  if (!birth || birth.year < OLDEST_BIRTH_YEAR) return 'birth'
  if (asNumber(birth) > asNumber(todayInChina(now))) return 'future'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit'
  return null
}

export function isValidIdNumber(raw: string, now: Date = new Date()): boolean {
  return findIdNumberProblem(normalizeIdNumber(raw), now) === null
}

/**
 * 身份证号: trims and normalizes (spaces removed, x → X), then checks length, region,
 * birth date and the check digit. Output is the 18-character normalized number.
 */
export const IdNumber = z
  .string({ error: idNumberMessages.required })
  .transform(normalizeIdNumber)
  .superRefine((id, ctx) => {
    const problem = findIdNumberProblem(id)
    if (problem) ctx.addIssue({ code: 'custom', message: idNumberMessages[problem] })
  })
export type IdNumber = z.output<typeof IdNumber>

/** Birth date encoded in a valid ID number. */
export function birthDateOf(id: string): BirthDate {
  const birth = parseBirth(normalizeIdNumber(id).slice(6, 14))
  if (!birth) throw new Error('not a valid ID number')
  return birth
}

/** Full years of age on a given day (Beijing calendar); the birthday itself counts as a full year. */
export function ageOn(id: string, on: Date = new Date()): number {
  const birth = birthDateOf(id)
  const today = todayInChina(on)
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day)
  return today.year - birth.year - (hadBirthday ? 0 : 1)
}

/** 顺序码 (17th digit): odd for men, even for women. */
export function sexOf(id: string): 'male' | 'female' {
  return Number(normalizeIdNumber(id)[16]) % 2 === 1 ? 'male' : 'female'
}

/** PIPL Art. 31: personal information of a child under 14 needs a guardian's consent. */
export const GUARDIAN_CONSENT_AGE = 14

export function isUnder14(id: string, on: Date = new Date()): boolean {
  return ageOn(id, on) < GUARDIAN_CONSENT_AGE
}
