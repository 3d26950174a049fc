import { Aggregator, ProcessingMode, Query, find } from 'mingo'
import type { Options } from 'mingo/types'
import { DbError, unsupported } from './errors'
import { isPlainObject, type PlainObject } from './ejson'
import type { Doc } from './indexes'
import { candidates } from './planner'
import type { Collection } from './store'

export type SortSpec = Record<string, 1 | -1>

/** Operators the local cloud refuses loudly: a silent "no match" would hide a bug until production. */
const REFUSED: Record<string, string> = {
  $near: 'geo', $nearSphere: 'geo', $geoWithin: 'geo', $geoIntersects: 'geo', $geometry: 'geo', $centerSphere: 'geo', $geoNear: 'geo',
  $text: 'text', $search: 'text', $meta: 'text',
  $where: 'script', $function: 'script', $accumulator: 'script',
}

const REFUSAL_MESSAGE: Record<string, string> = {
  geo: 'geo queries are not supported by the local cloud (本地云不支持地理位置查询)',
  text: 'full-text search is not supported by the local cloud (本地云不支持全文检索)',
  script: 'server-side JavaScript is not supported by the local cloud (本地云不支持服务端脚本)',
}

export function assertSupported(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const item of value) assertSupported(item, where)
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const kind = REFUSED[key]
    if (kind) throw unsupported(`${key} in ${where}: ${REFUSAL_MESSAGE[kind]}`)
    assertSupported(item, where)
  }
}

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { scriptEnabled: false, useStrictMode: true, ...extra }
}

/** Runs a mingo call, turning its errors into the SDK's error shape. */
export function viaMingo<T>(what: string, run: () => T): T {
  try {
    return run()
  } catch (err) {
    if (err instanceof DbError) throw err
    const message = err instanceof Error ? err.message : String(err)
    if (/unknown|unregistered|not supported|operator/i.test(message)) throw unsupported(`${what}: ${message}`)
    throw new DbError('DATABASE_REQUEST_FAILED', `${what}: ${message}`)
  }
}

export function compileFilter(filter: PlainObject): Query {
  assertSupported(filter, 'query')
  return viaMingo('query', () => new Query(filter, mingoOptions()))
}

/** Every matching document, in the collection's natural order (see naturalOrder). */
export function matchAll(collection: Collection, filter: PlainObject): Doc[] {
  const query = compileFilter(filter)
  const matched: Doc[] = []
  viaMingo('query', () => {
    for (const doc of candidates(collection, filter)) if (query.test(doc)) matched.push(doc)
  })
  return naturalOrder(matched)
}

export function countMatches(collection: Collection, filter: PlainObject): number {
  const query = compileFilter(filter)
  let total = 0
  viaMingo('query', () => {
    for (const doc of candidates(collection, filter)) if (query.test(doc)) total++
  })
  return total
}

export interface Page {
  order?: SortSpec
  offset: number
  limit: number
  projection?: PlainObject
}

export function findPage(collection: Collection, filter: PlainObject, page: Page): Record<string, unknown>[] {
  const matched = matchAll(collection, filter)
  const sorted = page.order && Object.keys(page.order).length > 0 ? sortDocs(matched, page.order) : matched
  return project(sorted.slice(page.offset, page.offset + page.limit), page.projection)
}

export function sortDocs(docs: Doc[], order: SortSpec): Doc[] {
  return viaMingo('orderBy', () => find(docs, {}, undefined, mingoOptions()).sort(order).all() as Doc[])
}

export function project(docs: Record<string, unknown>[], projection: PlainObject | undefined): Record<string, unknown>[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  assertSupported(projection, 'projection')
  // mingo edits nested input objects when excluding sub-fields: give it copies, stored docs are shared
  return viaMingo('projection', () => new Query({}, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT })).find(docs, projection).all() as Record<string, unknown>[])
}

export function runPipeline(docs: Iterable<Doc>, pipeline: PlainObject[], resolve: (name: string) => Doc[]): unknown[] {
  return viaMingo('aggregate', () =>
    new Aggregator(pipeline, mingoOptions({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolve })).run([...docs]),
  )
}

/**
 * Without orderBy the cloud promises no order. Locally the order is a fixed hash of `_id`, so code
 * that silently relies on insertion order fails here instead of in production.
 */
export function naturalOrder(docs: Doc[]): Doc[] {
  return docs
    .map((doc) => ({ doc, rank: fnv1a(doc._id) }))
    .sort((a, b) => a.rank - b.rank || (a.doc._id < b.doc._id ? -1 : 1))
    .map(({ doc }) => doc)
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
