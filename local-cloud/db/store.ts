import { duplicateKey } from './errors'
import { EqualityIndex, UniqueIndex, type Doc } from './indexes'
import type { CollectionSpec, Manifest } from './manifest'

export type { Doc } from './indexes'

interface Version {
  doc: Doc
  /** the write that created this version */
  seq: number
}

/** A replaced version (or an absence, doc null), valid for snapshots in [seq, until). */
interface PastVersion {
  doc: Doc | null
  seq: number
  until: number
}

/** One document change: `after` null deletes. */
export interface Change {
  collection: string
  id: string
  after: Doc | null
}

/**
 * Documents of one collection. Stored documents are never mutated (writers build a new object),
 * so a reader can hold on to a version. While a transaction is open, replaced versions are kept
 * so that it can read the collection as of its start (snapshot reads).
 */
export class Collection {
  private readonly docs = new Map<string, Version>()
  readonly indexes: EqualityIndex[]
  readonly uniques: UniqueIndex[]
  private readonly maintained: Array<EqualityIndex | UniqueIndex>
  private readonly history = new Map<string, PastVersion[]>()

  constructor(readonly name: string, spec: CollectionSpec) {
    this.indexes = spec.indexes.map((index) => new EqualityIndex(index, (id) => this.get(id)))
    this.uniques = spec.indexes.filter((index) => index.unique).map((index) => new UniqueIndex(index))
    this.maintained = [...this.indexes, ...this.uniques]
  }

  get size(): number {
    return this.docs.size
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id)?.doc
  }

  /** number of the last write to `id` (0 if none is known to any open snapshot) */
  versionOf(id: string): number {
    const current = this.docs.get(id)
    if (current) return current.seq
    const past = this.history.get(id)
    return past ? past[past.length - 1].until : 0
  }

  /** the document as a snapshot taken after write number `seq` sees it */
  readAt(id: string, seq: number): Doc | undefined {
    const current = this.docs.get(id)
    if (current && current.seq <= seq) return current.doc
    const past = this.history.get(id) ?? []
    for (let i = past.length - 1; i >= 0; i--) if (past[i].seq <= seq && seq < past[i].until) return past[i].doc ?? undefined
    return undefined
  }

  *all(): IterableIterator<Doc> {
    for (const version of this.docs.values()) yield version.doc
  }

  put(id: string, after: Doc | null, seq: number, keepHistory: boolean): void {
    const before = this.docs.get(id)
    if (keepHistory) {
      const past = this.history.get(id) ?? []
      past.push({ doc: before?.doc ?? null, seq: before?.seq ?? 0, until: seq })
      this.history.set(id, past)
    }
    if (before) for (const index of this.maintained) index.remove(before.doc)
    if (after) {
      this.docs.set(id, { doc: after, seq })
      for (const index of this.maintained) index.add(after)
    } else {
      this.docs.delete(id)
    }
  }

  /** drops replaced versions no open snapshot (all at `oldestSnapshot` or later) can see */
  pruneHistory(oldestSnapshot: number): void {
    for (const [id, past] of this.history) {
      const kept = past.filter((version) => version.until > oldestSnapshot)
      if (kept.length === 0) this.history.delete(id)
      else if (kept.length !== past.length) this.history.set(id, kept)
    }
  }
}

export class Store {
  private readonly collections = new Map<string, Collection>()
  /** number of the last acknowledged write (journal line) */
  seq = 0
  /** when true, replaced versions are kept for open transactions */
  keepHistory = false

  constructor(readonly manifest: Manifest) {
    for (const [name, spec] of manifest) this.collections.set(name, new Collection(name, spec))
  }

  collection(name: string): Collection | undefined {
    return this.collections.get(name)
  }

  /** collections found on disk that the manifest no longer declares keep their data, unreachable */
  ensureUndeclared(name: string): Collection {
    let collection = this.collections.get(name)
    if (!collection) {
      collection = new Collection(name, { rules: {}, indexes: [] })
      this.collections.set(name, collection)
    }
    return collection
  }

  isDeclared(name: string): boolean {
    return this.manifest.has(name)
  }

  names(): string[] {
    return [...this.collections.keys()]
  }

  /** Throws E11000 if applying `changes` in order would break a unique index. */
  checkUnique(changes: Change[]): void {
    const overlay = new Map<string, string | null>()
    for (const change of changes) {
      const collection = this.collections.get(change.collection)
      if (!collection) continue
      const before = collection.get(change.id)
      for (const unique of collection.uniques) {
        // the owner of a key as earlier changes of this batch leave it (null: freed by one of them)
        const ownerOf = (key: string): { slot: string; owner: string | null | undefined } => {
          const slot = `${change.collection}\u0000${unique.spec.name}\u0000${key}`
          return { slot, owner: overlay.has(slot) ? overlay.get(slot) : unique.ownerOf(key) }
        }
        if (before) {
          const { slot, owner } = ownerOf(unique.keyOf(before))
          if (owner === change.id) overlay.set(slot, null)
        }
        if (change.after) {
          const { slot, owner } = ownerOf(unique.keyOf(change.after))
          if (owner && owner !== change.id) throw duplicateKey(change.collection, unique.spec.name, unique.describe(change.after))
          overlay.set(slot, change.id)
        }
      }
    }
  }

  apply(changes: Change[], seq: number): void {
    for (const change of changes) {
      const collection = this.collections.get(change.collection) ?? this.ensureUndeclared(change.collection)
      collection.put(change.id, change.after, seq, this.keepHistory)
    }
    this.seq = seq
  }

  /** `oldestSnapshot` undefined: no transaction is open, no replaced version is needed */
  pruneHistory(oldestSnapshot: number | undefined): void {
    for (const collection of this.collections.values()) collection.pruneHistory(oldestSnapshot ?? Number.POSITIVE_INFINITY)
  }
}
