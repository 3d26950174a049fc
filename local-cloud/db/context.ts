import type { DecodeContext } from './ejson'
import type { Journal } from './journal'
import type { Change, Store } from './store'
import type { Transactions } from './transactions'

/** What every action handler works with. */
export interface EngineContext {
  store: Store
  transactions: Transactions
  /** journals and applies one acknowledged write request (or transaction) as one unit */
  commit(changes: Change[]): void
}

export type RequestContext = DecodeContext

export function persist(store: Store, journal: Journal, changes: Change[]): void {
  if (changes.length === 0) return
  store.checkUnique(changes)
  const seq = store.seq + 1
  journal.append(seq, changes)
  store.apply(changes, seq)
}
