import type { DB } from 'wx-server-sdk'
import { AppError } from '../../shared/contract'
import type { Database } from '../context'

/**
 * What a transaction offers (architecture §3): single-document operations only —
 * `doc(id).get/set/update/remove` and `add`. No where(), no count(), no queries.
 */
export interface Transaction {
  collection(name: string): Pick<DB.CollectionReference, 'doc' | 'add'>
}

type SdkCall<T> = Promise<T> | void | string

async function settle<T extends object>(call: SdkCall<T>, what: string): Promise<T> {
  const res = await call
  if (typeof res !== 'object' || res === null) throw new Error(`transaction ${what} returned no result`)
  return res
}

/** wx-server-sdk throws "document with _id … does not exist" for a missing doc; inside a transaction that is an answer, not an error. */
const isNotFound = (err: unknown): boolean => /does not exist/.test(errorText(err))

function errorText(err: unknown): string {
  if (typeof err === 'string') return err
  if (err instanceof Error) return [err.message, 'errCode' in err ? String(err.errCode) : '', 'code' in err ? String(err.code) : ''].join(' ')
  try {
    return JSON.stringify(err) ?? String(err)
  } catch {
    return String(err)
  }
}

/** Reads one document inside a transaction (snapshot read); null when it does not exist. */
export async function txGet(tx: Transaction, collection: string, id: string): Promise<unknown> {
  try {
    const res = await settle(tx.collection(collection).doc(id).get(), 'get')
    return res.data ?? null
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
}

export async function txAdd(tx: Transaction, collection: string, data: DB.IDocumentData): Promise<string> {
  const res = await settle(tx.collection(collection).add({ data }), 'add')
  return String(res._id)
}

export async function txSet(tx: Transaction, collection: string, id: string, data: DB.IDocumentData): Promise<void> {
  await settle(tx.collection(collection).doc(id).set({ data }), 'set')
}

export async function txUpdate(tx: Transaction, collection: string, id: string, data: DB.IUpdateCondition): Promise<void> {
  const res = await settle(tx.collection(collection).doc(id).update({ data }), 'update')
  if (res.stats.updated !== 1) throw new Error(`transaction update of ${collection}/${id} changed ${res.stats.updated} documents`)
}

export async function txRemove(tx: Transaction, collection: string, id: string): Promise<void> {
  await settle(tx.collection(collection).doc(id).remove(), 'remove')
}

/** A write conflict that outlived runTransaction's own retries: someone else changed the same documents. */
const isWriteConflict = (err: unknown): boolean => /TRANSACTION_CONFLICT|transaction conflict/i.test(errorText(err))

/** CONFLICT because another transaction wrote the same documents first: worth trying again, unlike a business conflict. */
export class WriteConflict extends AppError {
  constructor() {
    super('CONFLICT')
  }
}

/**
 * Runs `work` in one database transaction and returns what it returned. An AppError thrown inside
 * rolls everything back and reaches the caller as it is; a write conflict that survives the SDK's
 * retries becomes CONFLICT, so a stale approval is refused instead of repeated.
 */
export async function runInTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const holder: { result?: { value: T } } = {}
  try {
    await db.runTransaction(async (tx: Transaction) => {
      holder.result = { value: await work(tx) }
    })
  } catch (err) {
    if (err instanceof AppError) throw err
    if (isWriteConflict(err)) throw new WriteConflict()
    throw err
  }
  if (!holder.result) throw new Error('transaction finished without running its work')
  return holder.result.value
}

/** A short random pause that grows with each attempt, so that the retries of a rush spread out. */
export const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(400, 10 + attempt * 25))))

/**
 * Runs `work` again after an error `retryable` accepts (by default a WriteConflict), pausing a little
 * longer each time; after `attempts` tries the last error goes to the caller.
 */
export async function retryConflicts<T>(work: () => Promise<T>, attempts: number, retryable: (err: unknown) => boolean = (err) => err instanceof WriteConflict): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      if (!retryable(err) || attempt + 1 >= attempts) throw err
      await backoff(attempt)
    }
  }
}
