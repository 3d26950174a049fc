import { z } from 'zod'
import { formatDate, formatDateTime } from '../date'

/**
 * WeChat subscribe-message field types and their value rules (domain.md §B1). A value that breaks
 * a rule makes WeChat answer 47003, so every value is formatted here before it is stored in the outbox.
 */
export const WeChatFieldType = z.enum([
  'thing',
  'phrase',
  'name',
  'time',
  'date',
  'character_string',
  'number',
  'amount',
  'phone_number',
  'letter',
  'symbol',
  'car_number',
])
export type WeChatFieldType = z.infer<typeof WeChatFieldType>

export const THING_MAX = 20
export const PHRASE_MAX = 5
export const NAME_MAX_CHINESE = 10
export const NAME_MAX_LETTERS = 20
export const CHARACTER_STRING_MAX = 32
export const NUMBER_MAX_DIGITS = 32
export const AMOUNT_MAX_DIGITS = 10
export const PHONE_NUMBER_MAX = 17
export const CAR_NUMBER_MAX = 8
export const ELLIPSIS = '…'

/** `phrase`: ≤5 pure Chinese characters, no punctuation. Only these words are ever sent. */
export const PHRASES = [
  '待审批',
  '待审核',
  '审批中',
  '已提交',
  '已通过',
  '已驳回',
  '已退回',
  '已撤回',
  '已超期',
  '公示中',
  '已发放',
  '已完成',
  '报名成功',
  '已变更',
  '已取消',
  '已延期',
  '候补成功',
  '候补待审',
  '时间变更',
  '地点变更',
  '活动变更',
  '活动取消',
  '即将开始',
] as const
export const Phrase = z.enum(PHRASES)
export type Phrase = z.infer<typeof Phrase>

/** What a caller passes for each field type: words, a Date, or a number (amounts in fen). */
export type FieldInput<T extends WeChatFieldType> = T extends 'phrase'
  ? Phrase
  : T extends 'time' | 'date'
    ? Date
    : T extends 'number' | 'amount'
      ? number
      : string

const chars = (s: string) => Array.from(s)
const HAN = /^\p{Script=Han}+$/u

/** Collapses line breaks and runs of spaces: a message field is one line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/** `thing`: ≤20 characters; longer text keeps 19 and ends with "…". Empty text becomes "无". */
export function formatThing(value: string): string {
  const c = chars(oneLine(value))
  if (c.length === 0) return '无'
  if (c.length <= THING_MAX) return c.join('')
  return c.slice(0, THING_MAX - 1).join('') + ELLIPSIS
}

export function formatPhrase(value: string): Phrase {
  const parsed = Phrase.safeParse(value)
  if (!parsed.success) throw new Error(`phrase "${value}" is not one of the allowed words`)
  return parsed.data
}

/** `name`: ≤20 when only Latin letters (and spaces), otherwise ≤10 characters (mixed text counts as Chinese). */
export function formatName(value: string): string {
  const text = oneLine(value)
  const max = /^[A-Za-z ]+$/.test(text) ? NAME_MAX_LETTERS : NAME_MAX_CHINESE
  const c = chars(text)
  if (c.length === 0) return '无'
  return c.slice(0, max).join('').trim()
}

/** `time`: 2025年3月7日 14:05, Beijing time. */
export function formatTime(value: Date): string {
  return formatDateTime(value)
}

export function formatDateField(value: Date): string {
  return formatDate(value)
}

/** `character_string`: ≤32 digits, letters or symbols; anything else (e.g. Chinese) is dropped. */
export function formatCharacterString(value: string): string {
  return chars(value.replace(/[^\x21-\x7e]/g, '')).slice(0, CHARACTER_STRING_MAX).join('')
}

/** `amount` from integer fen: 12345 → 123.45元 (≤10 digits). */
export function formatAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`amount must be a non-negative integer of fen, got ${fen}`)
  const yuan = Math.floor(fen / 100)
  const cents = fen % 100
  const text = cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`
  if (text.replace('.', '').length > AMOUNT_MAX_DIGITS) throw new Error(`amount ${fen} fen has more than ${AMOUNT_MAX_DIGITS} digits`)
  return `${text}元`
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`number field needs a finite number, got ${value}`)
  const text = String(value)
  if (text.replace(/[.-]/g, '').length > NUMBER_MAX_DIGITS) throw new Error(`number ${text} is too long`)
  return text
}

export function formatPhoneNumber(value: string): string {
  return value.replace(/[^\d+\-]/g, '').slice(0, PHONE_NUMBER_MAX)
}

/** Formats one value by its WeChat type. */
export function formatField(type: WeChatFieldType, value: string | number | Date): string {
  switch (type) {
    case 'thing':
      return formatThing(String(value))
    case 'phrase':
      return formatPhrase(String(value))
    case 'name':
      return formatName(String(value))
    case 'time':
      return formatTime(asDate(value))
    case 'date':
      return formatDateField(asDate(value))
    case 'character_string':
      return formatCharacterString(String(value))
    case 'number':
      return formatNumber(asNumber(value))
    case 'amount':
      return formatAmount(asNumber(value))
    case 'phone_number':
      return formatPhoneNumber(String(value))
    case 'letter':
      return String(value).replace(/[^A-Za-z]/g, '').slice(0, CHARACTER_STRING_MAX)
    case 'symbol':
      return chars(String(value).replace(/[\p{L}\p{N}\s]/gu, '')).slice(0, 5).join('')
    case 'car_number':
      return chars(oneLine(String(value))).slice(0, CAR_NUMBER_MAX).join('')
  }
}

function asDate(value: string | number | Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new Error('time/date fields need a valid Date')
  return value
}

function asNumber(value: string | number | Date): number {
  if (typeof value !== 'number') throw new Error('number/amount fields need a number')
  return value
}

/**
 * Whether an already formatted value obeys WeChat's rule for its type. Used as a last check
 * before sending and by tests on what the sender actually sent.
 */
export function isValidFieldValue(type: WeChatFieldType, value: string): boolean {
  const c = chars(value)
  switch (type) {
    case 'thing':
      return c.length >= 1 && c.length <= THING_MAX && !/[\r\n]/.test(value)
    case 'phrase':
      return c.length >= 1 && c.length <= PHRASE_MAX && HAN.test(value)
    case 'name':
      return /^[A-Za-z ]+$/.test(value) ? c.length <= NAME_MAX_LETTERS : c.length >= 1 && c.length <= NAME_MAX_CHINESE
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value)
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value)
    case 'character_string':
      return c.length >= 1 && c.length <= CHARACTER_STRING_MAX && /^[\x21-\x7e]+$/.test(value)
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) && value.replace(/[.-]/g, '').length <= NUMBER_MAX_DIGITS
    case 'amount':
      return /^[¥￥$]?\d+(\.\d{1,2})?元?$/.test(value) && value.replace(/\D/g, '').length <= AMOUNT_MAX_DIGITS
    case 'phone_number':
      return c.length >= 1 && c.length <= PHONE_NUMBER_MAX && /^[\d+\-]+$/.test(value)
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value)
    case 'symbol':
      return c.length >= 1 && c.length <= 5
    case 'car_number':
      return c.length >= 1 && c.length <= CAR_NUMBER_MAX
  }
}
