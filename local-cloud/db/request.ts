import { z } from 'zod'
import { collectionMissing, DbError, invalidParam } from './errors'
import { isPlainObject, parseEJSON, type DecodeContext, type PlainObject } from './ejson'
import type { SortSpec } from './query'
import type { Collection, Store } from './store'

/** Fields of a database.* request body, as @cloudbase/database 1.4.3 sends them (see WIRE.md). */
export const requestSchema = z.object({
  collectionName: z.string().optional(),
  transactionId: z.string().optional(),
  query: z.string().optional(),
  queryType: z.enum(['DOC', 'WHERE']).optional(),
  data: z.union([z.string(), z.array(z.string())]).optional(),
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  order: z.string().optional(),
  projection: z.string().optional(),
  stages: z.array(z.object({ stageKey: z.string(), stageValue: z.string() })).optional(),
})

export type DbRequest = z.output<typeof requestSchema>

export function parseRequest(body: Record<string, unknown>): DbRequest {
  const parsed = requestSchema.safeParse(body)
  if (!parsed.success) throw invalidParam(`bad request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

export function requireCollection(store: Store, name: string | undefined): Collection {
  if (!name) throw invalidParam('collectionName is required')
  const collection = store.isDeclared(name) ? store.collection(name) : undefined
  if (!collection) throw collectionMissing(name)
  return collection
}

export function parseObject(text: string | undefined, what: string, ctx: DecodeContext): PlainObject {
  if (text === undefined || text === '') return {}
  const value = parseEJSON(text, ctx)
  if (!isPlainObject(value)) throw invalidParam(`${what} must be an object`)
  return value
}

export function parseOrder(text: string | undefined, ctx: DecodeContext): SortSpec | undefined {
  const raw = parseObject(text, 'order', ctx)
  const order: SortSpec = {}
  for (const [field, direction] of Object.entries(raw)) {
    if (direction !== 1 && direction !== -1) throw invalidParam(`order of "${field}" must be 1 or -1`)
    order[field] = direction
  }
  return Object.keys(order).length > 0 ? order : undefined
}

/** The `_id` of a `doc(id)` request, whose query is exactly `{ _id: id }`. */
export function docIdOf(filter: PlainObject): string {
  if (typeof filter._id !== 'string' || Object.keys(filter).length !== 1) throw invalidParam('a document request needs a query of the form { _id: "<id>" }')
  return filter._id
}

export function singleDocumentOnly(what: string): DbError {
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `${what} is not allowed in a transaction: transactions only take single-document operations (doc().get/set/update/remove, add of one document)`,
  )
}

/** SDK default page 100, clamp 1000 (the SDK clamps too; raw callers may not). */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || limit <= 0) return 100
  return Math.min(limit, 1000)
}
