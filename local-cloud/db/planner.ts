import { isPlainObject, type PlainObject } from './ejson'
import { scalarKey, type Doc } from './indexes'
import type { Collection } from './store'

/**
 * Picks the documents worth testing against a filter: by `_id` when the filter names ids, else
 * through the manifest index whose leading fields the filter pins with equality (or `$in`) and
 * that yields the fewest candidates, else the whole collection.
 */
export function candidates(collection: Collection, filter: PlainObject): Iterable<Doc> {
  const constraints = new Map<string, string[]>()
  collectEqualities(filter, constraints)

  const ids = idsFrom(filter)
  if (ids) return pick(collection, ids)

  let best: Set<string> | undefined
  for (const index of collection.indexes) {
    const prefix: string[][] = []
    for (const field of index.fields) {
      const keys = constraints.get(field)
      if (!keys) break
      prefix.push(keys)
    }
    if (prefix.length === 0) continue
    const found = index.lookup(prefix)
    if (found && (!best || found.size < best.size)) best = found
  }
  return best ? pick(collection, best) : collection.all()
}

function* pick(collection: Collection, ids: Iterable<string>): Iterable<Doc> {
  for (const id of [...ids]) {
    const doc = collection.get(id)
    if (doc) yield doc
  }
}

/** `_id` given as a string, `{$eq: id}` or `{$in: [ids]}` at the top level or inside `$and`. */
function idsFrom(filter: PlainObject): string[] | undefined {
  const direct = idValues(filter._id)
  if (direct) return direct
  if (Array.isArray(filter.$and)) {
    for (const part of filter.$and) if (isPlainObject(part)) {
      const nested = idsFrom(part)
      if (nested) return nested
    }
  }
  return undefined
}

function idValues(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  if (!isPlainObject(value)) return undefined
  if (typeof value.$eq === 'string') return [value.$eq]
  if (Array.isArray(value.$in) && value.$in.every((v): v is string => typeof v === 'string')) return value.$in
  return undefined
}

function collectEqualities(filter: PlainObject, into: Map<string, string[]>): void {
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) collectEqualities(part, into)
      continue
    }
    if (field.startsWith('$')) continue
    const keys = equalityKeys(value)
    if (!keys) continue
    const known = into.get(field)
    if (!known || keys.length < known.length) into.set(field, keys)
  }
}

function equalityKeys(value: unknown): string[] | undefined {
  if (value instanceof RegExp || Array.isArray(value)) return undefined
  if (!isPlainObject(value)) {
    const key = scalarKey(value)
    return key === undefined ? undefined : [key]
  }
  if ('$eq' in value) return equalityKeys(value.$eq)
  if (Array.isArray(value.$in)) {
    const keys: string[] = []
    for (const item of value.$in) {
      if (item instanceof RegExp) return undefined
      const key = scalarKey(item)
      if (key === undefined) return undefined
      keys.push(key)
    }
    return keys
  }
  return undefined
}
