import { invalidParam } from './errors'

/**
 * Canonical Extended JSON, the way @cloudbase/database writes it (bson EJSON.stringify, relaxed: false),
 * decoded into plain JS values (number, Date, RegExp …) and encoded back for responses and the journal.
 */

export type PlainObject = Record<string, unknown>

export interface DecodeContext {
  /** the server's time for this request: every `db.serverDate()` in one request resolves to it */
  readonly now: Date
}

/** A plain `{}` object from any realm (jest runs tests in a separate one), not a Date, RegExp or class instance. */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** Deep copy of a stored value. (structuredClone would hand back objects of the outer realm under jest.) */
export function deepCopy<T>(value: T): T
export function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy)
  if (value instanceof Date) return new Date(value.getTime())
  if (value instanceof RegExp) return new RegExp(value.source, value.flags)
  if (isPlainObject(value)) {
    const out: PlainObject = {}
    for (const [key, item] of Object.entries(value)) out[key] = deepCopy(item)
    return out
  }
  return value
}

const UNSUPPORTED_TYPES = ['$binary', '$timestamp', '$minKey', '$maxKey', '$code', '$dbPointer', '$undefined', '$symbol', '$dbRef']

export function parseEJSON(text: string, ctx: DecodeContext): unknown {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw invalidParam(`malformed EJSON: ${text.slice(0, 80)}`)
  }
  return decode(raw, ctx)
}

export function decode(value: unknown, ctx: DecodeContext): unknown {
  if (Array.isArray(value)) return value.map((item) => decode(item, ctx))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1) {
    const typed = decodeTyped(keys[0], value[keys[0]], ctx)
    if (typed !== NOT_TYPED) return typed
  }
  const out: PlainObject = {}
  for (const key of keys) out[key] = decode(value[key], ctx)
  return out
}

const NOT_TYPED = Symbol('not a typed EJSON value')

function decodeTyped(key: string, inner: unknown, ctx: DecodeContext): unknown {
  switch (key) {
    case '$numberInt':
    case '$numberLong':
    case '$numberDouble':
    case '$numberDecimal':
      return toNumber(key, inner)
    case '$date':
      return toDate(inner)
    case '$oid':
      // ObjectIds are kept as their hex string: ids in this project are opaque strings.
      if (typeof inner !== 'string') throw invalidParam('$oid must be a string')
      return inner
    case '$regularExpression':
      return toRegExp(inner)
    case '$tcb_server_date':
      return serverDate(inner, ctx)
    default:
      if (UNSUPPORTED_TYPES.includes(key)) throw invalidParam(`local cloud: EJSON type ${key} is not supported`)
      return NOT_TYPED
  }
}

function toNumber(key: string, inner: unknown): number {
  if (typeof inner !== 'string') throw invalidParam(`${key} must be a string`)
  const n = Number(inner)
  if (Number.isNaN(n) && inner !== 'NaN') throw invalidParam(`bad ${key}: ${inner}`)
  return n
}

function toDate(inner: unknown): Date {
  let ms: number
  if (isPlainObject(inner) && typeof inner.$numberLong === 'string') ms = Number(inner.$numberLong)
  else if (typeof inner === 'string') ms = Date.parse(inner)
  else if (typeof inner === 'number') ms = inner
  else throw invalidParam('bad $date value')
  if (!Number.isFinite(ms)) throw invalidParam('bad $date value')
  return new Date(ms)
}

function toRegExp(inner: unknown): RegExp {
  if (!isPlainObject(inner) || typeof inner.pattern !== 'string') throw invalidParam('bad $regularExpression')
  const options = typeof inner.options === 'string' ? inner.options : ''
  if (options.includes('x')) throw invalidParam('local cloud: regular expression option "x" is not supported')
  // g and y would make RegExp.test stateful; MongoDB has no such flags anyway
  const flags = [...new Set(options.replace(/[^imsu]/g, ''))].join('')
  try {
    return new RegExp(inner.pattern, flags)
  } catch (err) {
    throw invalidParam(`bad regular expression /${inner.pattern}/: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function serverDate(inner: unknown, ctx: DecodeContext): Date {
  const offset = isPlainObject(inner) ? decode(inner.offset, ctx) : 0
  return new Date(ctx.now.getTime() + (typeof offset === 'number' && Number.isFinite(offset) ? offset : 0))
}

/** JS value → a JSON-safe EJSON value that bson's EJSON.parse (used by the SDK) turns back into the same value. */
export function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } }
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $numberDouble: String(value) }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encode(item)))
  if (typeof value === 'object' && value !== null) {
    const out: PlainObject = {}
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encode(item)
    return out
  }
  return value
}

export function stringifyEJSON(value: unknown): string {
  return JSON.stringify(encode(value))
}
