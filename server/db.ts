import { z } from 'zod'
import type { DB } from 'wx-server-sdk'

/** Largest page any query may ask for: the cloud caps function reads at 100 on older plans (domain.md B3). */
export const MAX_PAGE = 100

/** The SDK types every call as `Promise<T> | void | string` (callback and test modes); we only use the promise. */
type SdkCall<T> = Promise<T> | void | string

async function settle<T extends object>(call: SdkCall<T>, what: string): Promise<T> {
  const res = await call
  if (typeof res !== 'object' || res === null) throw new Error(`database ${what} returned no result`)
  return res
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new Error(`query limit must be 1..${MAX_PAGE}, got ${limit}`)
}

/**
 * Runs a query with an explicit limit and parses every document with `schema`.
 * Stored data is parsed like any other input: a malformed document fails loudly.
 */
export async function findMany<S extends z.ZodType>(query: DB.Query, schema: S, limit: number): Promise<z.output<S>[]> {
  checkLimit(limit)
  const res = await settle(query.limit(limit).get(), 'get')
  return z.array(schema).parse(res.data)
}

export async function findOne<S extends z.ZodType>(query: DB.Query, schema: S): Promise<z.output<S> | null> {
  const [first] = await findMany(query, schema, 1)
  return first ?? null
}

/** Looks a document up by `_id`; `null` when it does not exist (a `doc().get()` would throw instead). */
export function findById<S extends z.ZodType>(collection: DB.CollectionReference, id: string, schema: S): Promise<z.output<S> | null> {
  return findOne(collection.where({ _id: id }), schema)
}

export async function countDocs(query: DB.Query): Promise<number> {
  const res = await settle(query.count(), 'count')
  return res.total
}

/** Inserts one document and returns its `_id` (pass `_id` in `data` to choose it; a taken `_id` throws). */
export async function insertDoc(collection: DB.CollectionReference, data: DB.IDocumentData): Promise<string> {
  const res = await settle(collection.add({ data }), 'add')
  return String(res._id)
}

/** Updates one document by `_id`; returns how many were updated (0 when it does not exist). */
export async function updateById(collection: DB.CollectionReference, id: string, data: DB.IUpdateCondition): Promise<number> {
  const res = await settle(collection.doc(id).update({ data }), 'update')
  return res.stats.updated
}

/** `set` takes the id in doc(id), never in the body. */
export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc
  void _id
  return rest
}
