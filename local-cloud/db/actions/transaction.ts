import type { EngineContext } from '../context'
import { invalidParam } from '../errors'
import type { DbRequest } from '../request'

/** database.startTransaction → { transactionId } (top level, not under data) */
export function startTransaction(engine: EngineContext): { transactionId: string } {
  return { transactionId: engine.transactions.start() }
}

/** database.commitTransaction → {}; one journal line for all of the transaction's writes. */
export function commitTransaction(engine: EngineContext, req: DbRequest): Record<string, never> {
  if (!req.transactionId) throw invalidParam('transactionId is required')
  engine.transactions.commit(req.transactionId, (changes) => engine.commit(changes))
  return {}
}

/** database.abortTransaction → {} */
export function abortTransaction(engine: EngineContext, req: DbRequest): Record<string, never> {
  if (!req.transactionId) throw invalidParam('transactionId is required')
  engine.transactions.abort(req.transactionId)
  return {}
}
