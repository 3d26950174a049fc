/**
 * Local cloud database latency through the real wx-server-sdk over loopback, at 10 000 and
 * 100 000 documents, and restart time with 100 000 documents.
 *   npx tsx bench/local-cloud-db.ts
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { performance } from 'perf_hooks'
import { startLocalCloud, type LocalCloud } from '../local-cloud'

const SIZES = [10_000, 100_000]
const SAMPLES = 300
const FILL_BATCH = 1000
/** every owner has this many documents whatever the size: an index bucket of constant size */
const DOCS_PER_OWNER = 20
/** a field with a fixed number of values: its index bucket grows with the collection */
const UNITS = 100

const MANIFEST = {
  collections: {
    bench_docs: {
      rules: { read: false, write: false },
      indexes: [
        { name: 'owner_createdAt', keys: [['owner', 1], ['createdAt', -1]], unique: false },
        { name: 'unit_createdAt', keys: [['unit', 1], ['createdAt', -1]], unique: false },
      ],
    },
  },
}

/** the raw SDK, untyped here on purpose */
type Db = any

interface Row {
  size: number
  op: string
  median: number
  p95: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function measure(rows: Row[], size: number, op: string, run: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20; i++) await run(i) // warm-up
  const times: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await run(i)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  rows.push({ size, op, median: percentile(times, 50), p95: percentile(times, 95) })
}

const pick = (n: number): number => Math.floor(Math.random() * n)
const docId = (i: number): string => `doc-${i}`

async function fill(db: Db, size: number): Promise<void> {
  const owners = size / DOCS_PER_OWNER
  const start = Date.UTC(2024, 0, 1)
  for (let from = 0; from < size; from += FILL_BATCH) {
    const data = Array.from({ length: Math.min(FILL_BATCH, size - from) }, (_unused, k) => {
      const i = from + k
      return { _id: docId(i), owner: `u${i % owners}`, unit: `unit-${i % UNITS}`, n: 0, title: `事项 ${i}`, createdAt: new Date(start + i * 60_000) }
    })
    await db.collection('bench_docs').add({ data })
  }
}

async function benchSize(size: number, rows: Row[], manifestDir: string): Promise<{ dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-local-cloud-db-'))
  const functionsDir = join(dataDir, 'no-functions')
  mkdirSync(functionsDir, { recursive: true })
  const local = await startLocalCloud({ dataDir, port: 0, manifestDir, functionsDir })
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db: Db = cloud.database()
  const _ = db.command

  const fillStart = performance.now()
  await fill(db, size)
  console.log(`filled ${size} documents in ${((performance.now() - fillStart) / 1000).toFixed(1)} s (batches of ${FILL_BATCH} through the SDK)`)
  const owners = size / DOCS_PER_OWNER
  const coll = db.collection('bench_docs')

  await measure(rows, size, 'insert (add one document)', (i) => coll.add({ data: { owner: `new-${i}`, unit: 'unit-new', n: 0, createdAt: new Date() } }))
  await measure(rows, size, 'get by id', () => coll.doc(docId(pick(size))).get())
  await measure(rows, size, `indexed query, limit 20 (owner: ${DOCS_PER_OWNER} docs per value)`, () =>
    coll.where({ owner: `u${pick(owners)}` }).orderBy('createdAt', 'desc').limit(20).get(),
  )
  await measure(rows, size, `indexed query, limit 20 (unit: size/${UNITS} docs per value)`, () =>
    coll.where({ unit: `unit-${pick(UNITS)}` }).orderBy('createdAt', 'desc').limit(20).get(),
  )
  await measure(rows, size, 'count (indexed where)', () => coll.where({ owner: `u${pick(owners)}` }).count())
  await measure(rows, size, 'count (whole collection, scan)', () => coll.count())
  await measure(rows, size, '_.inc update by id', () => coll.doc(docId(pick(size))).update({ data: { n: _.inc(1) } }))
  await measure(rows, size, 'two-document transaction', () =>
    db.runTransaction(async (t: Db) => {
      const from = docId(pick(size))
      const to = docId(pick(size))
      await t.collection('bench_docs').doc(from).update({ data: { n: _.inc(-1) } })
      await t.collection('bench_docs').doc(to).update({ data: { n: _.inc(1) } })
    }),
  )
  await local.stop()
  return { dataDir }
}

async function restartTime(dataDir: string, manifestDir: string): Promise<{ ms: number; local: LocalCloud; docs: number }> {
  const start = performance.now()
  const local = await startLocalCloud({ dataDir, port: 0, manifestDir, functionsDir: join(dataDir, 'no-functions') })
  const ms = performance.now() - start
  return { ms, local, docs: local.db.stats().bench_docs ?? 0 }
}

async function main(): Promise<void> {
  process.env.SILENCE = 'true'
  const manifestDir = mkdtempSync(join(tmpdir(), 'bench-manifest-'))
  writeFileSync(join(manifestDir, 'bench.json'), JSON.stringify(MANIFEST))
  const rows: Row[] = []
  const dirs: string[] = [manifestDir]
  let restartRows: string[] = []
  try {
    for (const size of SIZES) {
      const { dataDir } = await benchSize(size, rows, manifestDir)
      dirs.push(dataDir)
      if (size === Math.max(...SIZES)) {
        const journalBytes = statSync(join(dataDir, 'db/journal.jsonl')).size
        const replay = await restartTime(dataDir, manifestDir)
        await replay.local.stop()
        const snapshotBytes = statSync(join(dataDir, 'db/snapshot.jsonl')).size
        const plain = await restartTime(dataDir, manifestDir)
        await plain.local.stop()
        restartRows = [
          `local cloud restart with ${replay.docs} documents, replaying a ${(journalBytes / 1e6).toFixed(1)} MB journal, then compacting: ${replay.ms.toFixed(0)} ms`,
          `local cloud restart with ${plain.docs} documents from a ${(snapshotBytes / 1e6).toFixed(1)} MB snapshot (empty journal, nothing to compact): ${plain.ms.toFixed(0)} ms`,
        ]
      }
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }

  const ops = [...new Set(rows.map((r) => r.op))]
  const header = ['operation (through wx-server-sdk, loopback)', ...SIZES.flatMap((s) => [`${s / 1000}k median`, `${s / 1000}k p95`])]
  const lines = ops.map((op) => [
    op,
    ...SIZES.flatMap((size) => {
      const row = rows.find((r) => r.op === op && r.size === size)
      return row ? [`${row.median.toFixed(2)} ms`, `${row.p95.toFixed(2)} ms`] : ['-', '-']
    }),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const format = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')
  console.log(`\nlocal cloud database, ${SAMPLES} samples per op (Node ${process.version})`)
  console.log(format(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const line of lines) console.log(format(line))
  console.log('')
  for (const line of restartRows) console.log(line)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
