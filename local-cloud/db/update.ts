import { update as mingoUpdate } from 'mingo'
import { invalidParam, unsupported } from './errors'
import { deepCopy, isPlainObject, type PlainObject } from './ejson'
import type { Doc } from './indexes'
import { assertSupported, mingoOptions, viaMingo } from './query'

const UPDATE_OPERATORS = new Set([
  '$addToSet', '$bit', '$currentDate', '$inc', '$max', '$min', '$mul', '$pop', '$pull', '$pullAll', '$push', '$rename', '$set', '$unset', '$setOnInsert',
])

/** Field names MongoDB would refuse or misread: `$…` (operators) and dotted names (paths). */
export function assertStorable(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorable(item, `${path}.${i}`))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (key.startsWith('$')) throw invalidParam(`field name "${at}" must not start with "$" (an operator where a value was expected?)`)
    if (key.includes('.')) throw invalidParam(`field name "${at}" must not contain "."`)
    if (key === '') throw invalidParam(`empty field name under "${path}"`)
    assertStorable(item, at)
  }
}

/** A whole new document (insert, `doc().set()`): plain values only, `_id` a string. */
export function toDocument(data: unknown, id: string): Doc {
  if (!isPlainObject(data)) throw invalidParam('document data must be an object')
  if (data._id !== undefined && data._id !== id) throw invalidParam('the document _id cannot be changed')
  const { _id: _ignored, ...fields } = data
  assertStorable(fields)
  return { _id: id, ...fields }
}

export function idOf(data: unknown, fallback: () => string): string {
  if (!isPlainObject(data) || data._id === undefined) return fallback()
  if (typeof data._id !== 'string' || data._id === '') throw invalidParam('local cloud: _id must be a non-empty string')
  return data._id
}

/** Normalises an update document: operators only; plain fields (raw mode) mean `$set`. */
export function toModifier(data: unknown): PlainObject {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw invalidParam('update data must be a non-empty object')
  const keys = Object.keys(data)
  const operators = keys.filter((key) => key.startsWith('$'))
  if (operators.length === 0) return { $set: data }
  if (operators.length !== keys.length) throw invalidParam('update data mixes operators and plain fields')
  for (const op of operators) {
    if (!UPDATE_OPERATORS.has(op)) throw unsupported(`unknown update operator ${op}`)
    if (!isPlainObject(data[op])) throw invalidParam(`${op} needs an object of fields`)
  }
  assertSupported(data, 'update')
  return data
}

/**
 * Applies a modifier to a copy of `doc`. `condition` is the query that selected it (for the
 * positional `$` operator); `inserting` applies `$setOnInsert`, which otherwise does nothing.
 */
export function applyModifier(doc: Doc, modifier: PlainObject, condition: PlainObject | undefined, inserting: boolean): { doc: Doc; changed: boolean } {
  const { $setOnInsert, ...rest } = modifier
  const ops: PlainObject = { ...rest }
  if (inserting && isPlainObject($setOnInsert)) ops.$set = { ...(isPlainObject(ops.$set) ? ops.$set : {}), ...$setOnInsert }
  const next = deepCopy(doc)
  if (Object.keys(ops).length === 0) return { doc, changed: false }
  const changedPaths = viaMingo('update', () => mingoUpdate(next, ops, [], condition, { cloneMode: 'deep', queryOptions: mingoOptions() }))
  if (changedPaths.length === 0) return { doc, changed: false }
  if (next._id !== doc._id) throw invalidParam('the document _id cannot be changed')
  assertStorable(next)
  return { doc: next, changed: true }
}
