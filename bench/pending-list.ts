/**
 * The chair's 待办, first page (limit 20, with the per-kind counts), through the compiled `review`
 * function on the local cloud, with 10 000 and then 100 000 requests in the database. The chair's
 * own pending set stays the same size (a union's queue does not grow with the whole province's
 * history); everything else is other unions' queues and closed requests. Prints median/p95 and the
 * 100k/10k ratio, for the grassroots chair and for the street-federation staff (subtree view).
 *   npx tsx bench/pending-list.ts [--calls 200]
 */
import { mkdtempSync, rmSync } from 'fs'
import { cpus, loadavg, tmpdir } from 'os'
import { join } from 'path'
import { parseArgs } from 'util'
import { startLocalCloud, type LocalCloud } from '../local-cloud'
import { seed as coreSeed } from '../local-cloud/seed/core'
import { buildFunctions } from '../scripts/build-functions'
import type { RequestDoc, Step } from '../shared/requests/schemas'
import type { RequestStatus } from '../shared/requests/state'

const SIZES = [10_000, 100_000] as const
/** pending at the chair's union (u-build) and elsewhere in the 望京 subtree, whatever the database size */
const CHAIR_PENDING = 300
const SUBTREE_PENDING = 900
const KINDS = ['membership.join', 'membership.transfer', 'event.signup', 'aid.schoolAid', 'general.matter']
const CLOSED: RequestStatus[] = ['approved', 'approved', 'approved', 'rejected', 'withdrawn']
const WANGJING = ['u-district', 'u-street-wangjing']

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

function step(unionId: string, path: string[]): Step {
  return { unionId, unionPath: path, unionName: unionId, roles: ['chair', 'vice_chair'], label: '基层工会审核' }
}

/** `n` requests: a fixed pending set for u-build and its siblings, the rest closed or waiting at 400 other unions. */
function makeRequests(n: number): RequestDoc[] {
  const base = Date.UTC(2024, 0, 1)
  const docs: RequestDoc[] = []
  for (let i = 0; i < n; i++) {
    let unionId: string
    let path: string[]
    let status: RequestStatus
    if (i < CHAIR_PENDING) {
      unionId = 'u-build'
      status = 'submitted'
    } else if (i < CHAIR_PENDING + SUBTREE_PENDING) {
      unionId = i % 2 ? 'u-tech' : 'u-food'
      status = 'submitted'
    } else if (i % 4 === 0) {
      unionId = `u-bench-${i % 400}`
      status = 'submitted'
    } else {
      unionId = i % 3 === 0 ? 'u-build' : `u-bench-${i % 400}`
      status = CLOSED[i % CLOSED.length]
    }
    path = unionId.startsWith('u-bench') ? ['u-district', 'u-street-bench', unionId] : [...WANGJING, unionId]
    const pendingNow = status === 'submitted'
    const submittedAt = new Date(base + i * 60_000)
    docs.push({
      _id: `bench-${n}-${i}`,
      kind: KINDS[i % KINDS.length],
      applicantOpenid: `bench-applicant-${i % 5000}`,
      applicantName: '王*',
      unionId,
      unionPath: path,
      status,
      step: 0,
      chain: [step(unionId, path)],
      reviewUnionId: pendingNow ? unionId : '',
      reviewUnionPath: pendingNow ? path : [],
      summary: { title: '入会申请', subtitle: '' },
      subjectRef: { collection: 'membership_applications', id: `bench-subject-${i}` },
      submittedAt,
      updatedAt: submittedAt,
      dueAt: pendingNow ? new Date(submittedAt.getTime() + 7 * 86_400_000) : null,
      overdue: pendingNow && i % 7 === 0,
      version: pendingNow ? 1 : 2,
      closedAt: pendingNow ? null : submittedAt,
      lastReason: '',
      exclusiveKey: '',
    })
  }
  return docs
}

async function measure(cloud: LocalCloud, openid: string, calls: number): Promise<{ median: number; p95: number; items: number; total: number }> {
  const call = () => cloud.invoke('review', { action: 'listPending', input: { limit: 20 } }, { openid })
  let items = 0
  let total = 0
  for (let i = 0; i < 20; i++) await call()
  const latencies: number[] = []
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now()
    const answer = await call()
    latencies.push(performance.now() - t0)
    if (typeof answer !== 'object' || answer === null || !('ok' in answer) || answer.ok !== true || !('data' in answer)) {
      throw new Error(`listPending failed: ${JSON.stringify(answer)}`)
    }
    const data = answer.data
    if (typeof data === 'object' && data !== null && 'items' in data && Array.isArray(data.items) && 'total' in data && typeof data.total === 'number') {
      items = data.items.length
      total = data.total
    }
  }
  latencies.sort((a, b) => a - b)
  return { median: percentile(latencies, 50), p95: percentile(latencies, 95), items, total }
}

async function runAt(size: number, calls: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pending-'))
  const cloud = await startLocalCloud({ dataDir })
  try {
    const t0 = performance.now()
    await cloud.db.seed({ unions: coreSeed.unions, roles: coreSeed.roles, users: coreSeed.users })
    const docs = makeRequests(size)
    for (let i = 0; i < docs.length; i += 10_000) await cloud.db.seed({ requests: docs.slice(i, i + 10_000) })
    const seededMs = performance.now() - t0
    const chair = await measure(cloud, 'demo-chair', calls)
    const staff = await measure(cloud, 'demo-staff', calls)
    return { size, seededMs, chair, staff }
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  const { values } = parseArgs({ options: { calls: { type: 'string', default: '200' } } })
  const calls = Math.max(20, Number(values.calls) || 200)
  await buildFunctions(['review'])
  console.log(`pending list, first page (limit 20 + counts per kind), ${calls} sequential calls per case; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`)
  const results = []
  for (const size of SIZES) {
    const r = await runAt(size, calls)
    results.push(r)
    const line = (who: string, m: { median: number; p95: number; items: number; total: number }) =>
      `  ${who}: median ${m.median.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms (page ${m.items} of ${m.total} pending)`
    console.log(`${size.toLocaleString('en')} requests (seeded in ${(r.seededMs / 1000).toFixed(1)} s):`)
    console.log(line('chair of 建筑公司工会 ', r.chair))
    console.log(line('staff of 望京街道联合会', r.staff))
  }
  const [small, large] = results
  console.log(
    `ratio 100k/10k: chair median ×${(large.chair.median / small.chair.median).toFixed(2)}, p95 ×${(large.chair.p95 / small.chair.p95).toFixed(2)}; ` +
      `staff median ×${(large.staff.median / small.staff.median).toFixed(2)}, p95 ×${(large.staff.p95 / small.staff.p95).toFixed(2)}`,
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
