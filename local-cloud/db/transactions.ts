import { DbError } from './errors'
import { newTransactionId } from './ids'
import type { Change, Doc, Store } from './store'

/** MongoDB's default transactionLifetimeLimitSeconds: an abandoned transaction is aborted after it. */
export const TRANSACTION_LIFETIME_MS = 60_000

interface Transaction {
  id: string
  /** the write number the transaction reads at */
  snapshotSeq: number
  startedAt: number
  /** pending writes, keyed `collection\0id`, applied together on commit */
  writes: Map<string, Change>
}

/**
 * Snapshot isolation with first-committer-wins: a transaction reads the store as of its start
 * plus its own writes; on commit, if any document it writes was written by someone else since
 * it started, it fails with DATABASE_TRANSACTION_CONFLICT — at commit, because that is the only
 * error wx-server-sdk's runTransaction sees with its `code` intact (and therefore retries).
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>()
  private readonly ended = new Map<string, { state: 'committed' | 'aborted'; reason: string; at: number }>()

  constructor(private readonly store: Store, private readonly clock: () => number) {}

  get openCount(): number {
    return this.open.size
  }

  start(): string {
    this.sweep()
    const tx: Transaction = { id: newTransactionId(), snapshotSeq: this.store.seq, startedAt: this.clock(), writes: new Map() }
    this.open.set(tx.id, tx)
    this.store.keepHistory = true
    return tx.id
  }

  /** the transaction's view of one document */
  read(txId: string, collection: string, id: string): Doc | undefined {
    const tx = this.active(txId)
    const own = tx.writes.get(slot(collection, id))
    if (own) return own.after ?? undefined
    return this.store.collection(collection)?.readAt(id, tx.snapshotSeq)
  }

  write(txId: string, change: Change): void {
    this.active(txId).writes.set(slot(change.collection, change.id), change)
  }

  /** Validates and hands the writes to `persist` (journal + apply) as one unit. */
  commit(txId: string, persist: (changes: Change[]) => void): void {
    const tx = this.active(txId)
    const changes = [...tx.writes.values()]
    for (const change of changes) {
      const version = this.store.collection(change.collection)?.versionOf(change.id) ?? 0
      if (version > tx.snapshotSeq) {
        this.end(tx, 'aborted', 'write conflict')
        throw new DbError(
          'DATABASE_TRANSACTION_CONFLICT',
          `transaction ${tx.id} conflicts with a write to ${change.collection}/${change.id} committed after it started; retry the transaction`,
        )
      }
    }
    try {
      if (changes.length > 0) persist(changes)
    } catch (err) {
      this.end(tx, 'aborted', err instanceof Error ? err.message : String(err))
      throw err
    }
    this.end(tx, 'committed', 'committed')
  }

  /** Aborting twice, or after a failed commit, is harmless (runTransaction does it). */
  abort(txId: string): void {
    const tx = this.open.get(txId)
    if (tx) this.end(tx, 'aborted', 'aborted by the caller')
    else if (this.ended.get(txId)?.state !== 'aborted') this.active(txId)
  }

  /** Aborts transactions older than their lifetime. */
  sweep(): void {
    const now = this.clock()
    for (const tx of [...this.open.values()]) if (now - tx.startedAt > TRANSACTION_LIFETIME_MS) this.end(tx, 'aborted', 'expired after 60 s')
    for (const [id, info] of this.ended) if (now - info.at > TRANSACTION_LIFETIME_MS) this.ended.delete(id)
  }

  private active(txId: string): Transaction {
    this.sweep()
    const tx = this.open.get(txId)
    if (tx) return tx
    const ended = this.ended.get(txId)
    if (ended) throw new DbError('DATABASE_REQUEST_FAILED', `transaction ${txId} is ${ended.state} (${ended.reason})`)
    throw new DbError('DATABASE_REQUEST_FAILED', `transaction ${txId} does not exist`)
  }

  private end(tx: Transaction, state: 'committed' | 'aborted', reason: string): void {
    this.open.delete(tx.id)
    this.ended.set(tx.id, { state, reason, at: this.clock() })
    this.store.keepHistory = this.open.size > 0
    let oldest: number | undefined
    for (const other of this.open.values()) oldest = Math.min(oldest ?? other.snapshotSeq, other.snapshotSeq)
    this.store.pruneHistory(oldest)
  }
}

function slot(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}
