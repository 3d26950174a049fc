import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { decode, encode, isPlainObject } from './ejson'
import type { Change, Doc, Store } from './store'

/**
 * Durability: snapshot.jsonl (every document at one write number) + journal.jsonl (one line per
 * acknowledged write request or committed transaction, written with writeSync before the answer).
 * Start = load snapshot, replay journal, write a fresh snapshot, empty the journal.
 */

const SNAPSHOT = 'snapshot.jsonl'
const JOURNAL = 'journal.jsonl'
const FORMAT = 'local-cloud-db/1'

const headerSchema = z.object({ format: z.literal(FORMAT), seq: z.number().int().min(0) })
// documents are only checked to be objects here (toDoc decodes them): a record schema per document doubled the start time
const snapshotLineSchema = z.object({ c: z.string(), d: z.custom<Record<string, unknown>>(isPlainObject) })
const journalLineSchema = z.object({
  s: z.number().int().min(1),
  o: z.array(z.object({ c: z.string(), i: z.string(), d: z.custom<Record<string, unknown>>(isPlainObject).nullable() })),
})

// journal values are decoded without a clock: serverDate was resolved before the line was written
const NO_CLOCK = { now: new Date(0) }

function toDoc(raw: Record<string, unknown>, where: string): Doc {
  const value = decode(raw, NO_CLOCK)
  if (!isPlainObject(value) || typeof value._id !== 'string') throw new Error(`${where}: document without a string _id`)
  return { ...value, _id: value._id }
}

export interface LoadReport {
  documents: number
  journalLines: number
  /** a last line cut short by a crash: never acknowledged, dropped */
  tornTail: boolean
}

export class Journal {
  private fd: number
  /** bytes of whole lines: a failed append is cut back to it, so no half line stays mid-file */
  private size: number

  private constructor(private readonly dir: string) {
    this.fd = openSync(join(dir, JOURNAL), 'a')
    this.size = fstatSync(this.fd).size
  }

  /** Loads `dir` into `store`, compacts, and opens the journal for appending. */
  static open(dir: string, store: Store): { journal: Journal; report: LoadReport } {
    mkdirSync(dir, { recursive: true })
    const report: LoadReport = { documents: 0, journalLines: 0, tornTail: false }
    const snapshotSeq = loadSnapshot(join(dir, SNAPSHOT), store)
    const journalPath = join(dir, JOURNAL)
    replayJournal(journalPath, store, snapshotSeq, report)
    // compaction: fold the journal into a new snapshot (nothing to fold when the journal is empty)
    if (!existsSync(join(dir, SNAPSHOT)) || (existsSync(journalPath) && statSync(journalPath).size > 0)) {
      writeSnapshot(dir, store)
      closeSync(openSync(journalPath, 'w'))
    }
    for (const name of store.names()) report.documents += store.collection(name)?.size ?? 0
    return { journal: new Journal(dir), report }
  }

  /** Appends one line for one acknowledged request; throws (nothing applied) if the disk refuses. */
  append(seq: number, changes: Change[]): void {
    const line = JSON.stringify({ s: seq, o: changes.map((c) => ({ c: c.collection, i: c.id, d: c.after ? encode(c.after) : null })) })
    const buffer = Buffer.from(`${line}\n`, 'utf8')
    try {
      let written = 0
      while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written)
    } catch (err) {
      ftruncateSync(this.fd, this.size)
      throw err
    }
    this.size += buffer.length
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
  }

  get directory(): string {
    return this.dir
  }
}

function loadSnapshot(path: string, store: Store): number {
  if (!existsSync(path)) return 0
  const lines = readFileSync(path, 'utf8').split('\n')
  const header = headerSchema.safeParse(JSON.parse(lines[0]))
  if (!header.success) throw new Error(`${path}: not a ${FORMAT} snapshot`)
  for (let n = 1; n < lines.length; n++) {
    if (lines[n] === '') continue
    const line = snapshotLineSchema.parse(JSON.parse(lines[n]))
    const doc = toDoc(line.d, `${path}:${n + 1}`)
    loadChange(store, { collection: line.c, id: doc._id, after: doc }, header.data.seq)
  }
  store.seq = header.data.seq
  return header.data.seq
}

function replayJournal(path: string, store: Store, snapshotSeq: number, report: LoadReport): void {
  if (!existsSync(path)) return
  const lines = readFileSync(path, 'utf8').split('\n')
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  for (let n = 0; n < lines.length; n++) {
    let parsed: z.output<typeof journalLineSchema>
    try {
      parsed = journalLineSchema.parse(JSON.parse(lines[n]))
    } catch (err) {
      if (n === lines.length - 1) {
        report.tornTail = true
        break
      }
      throw new Error(`${path}:${n + 1}: corrupt journal line (${err instanceof Error ? err.message : String(err)})`)
    }
    report.journalLines++
    // lines already in the snapshot (a crash between snapshot rename and journal truncation)
    if (parsed.s <= snapshotSeq) continue
    for (const op of parsed.o) loadChange(store, { collection: op.c, id: op.i, after: op.d ? toDoc(op.d, `${path}:${n + 1}`) : null }, parsed.s)
    store.seq = parsed.s
  }
}

function loadChange(store: Store, change: Change, seq: number): void {
  const collection = store.collection(change.collection) ?? store.ensureUndeclared(change.collection)
  // a unique index added to the manifest over duplicate data stops the start, loudly
  if (collection.uniques.length > 0) store.checkUnique([change])
  store.apply([change], seq)
}

function writeSnapshot(dir: string, store: Store): void {
  const tmp = join(dir, `${SNAPSHOT}.tmp`)
  const fd = openSync(tmp, 'w')
  let chunk = `${JSON.stringify({ format: FORMAT, seq: store.seq, at: new Date().toISOString() })}\n`
  const flush = (): void => {
    const buffer = Buffer.from(chunk, 'utf8')
    let written = 0
    while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written)
    chunk = ''
  }
  for (const name of store.names()) {
    const collection = store.collection(name)
    if (!collection) continue
    for (const doc of collection.all()) {
      chunk += `${JSON.stringify({ c: name, d: encode(doc) })}\n`
      if (chunk.length > 1 << 20) flush()
    }
  }
  flush()
  fsyncSync(fd)
  closeSync(fd)
  renameSync(tmp, join(dir, SNAPSHOT))
  const dirFd = openSync(dir, 'r')
  fsyncSync(dirFd)
  closeSync(dirFd)
}
