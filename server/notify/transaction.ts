import { z } from 'zod'

/**
 * The part of a database handle that transactions offer: single-document reads and writes plus `add`
 * (domain.md §B3). Both `db` and the `tx` of `db.runTransaction` fit, so helpers such as
 * `enqueue(tx, …)` and `recordConsent(txOrDb, …)` take either. Results are awaited and parsed, never trusted.
 */
export interface DocWriter {
  get(): unknown
  set(options: { data: object }): unknown
  update(options: { data: object }): unknown
}
export interface CollectionWriter {
  doc(id: string): DocWriter
  add(options: { data: object }): unknown
}
export interface Writer {
  collection(name: string): CollectionWriter
}

const GetResult = z.object({ data: z.unknown() })

/** A document by id inside a transaction, or null when it does not exist (the SDK throws "does not exist" for that). */
export async function getOrNull<S extends z.ZodType>(w: Writer, collection: string, id: string, schema: S): Promise<z.output<S> | null> {
  let res: unknown
  try {
    res = await w.collection(collection).doc(id).get()
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
  const { data } = GetResult.parse(res)
  const doc = Array.isArray(data) ? data[0] : data
  return doc === null || doc === undefined ? null : schema.parse(doc)
}

function isNotFound(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message}` : typeof err === 'string' ? err : ''
  const errMsg = typeof err === 'object' && err !== null && 'errMsg' in err ? String(err.errMsg) : ''
  return /does not exist/.test(text + errMsg)
}
