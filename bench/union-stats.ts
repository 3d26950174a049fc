/**
 * 工作台 and 年度数据 of a 100,000-member subtree (issue 12): median and p95 of N calls through the real
 * union function, and the SDK round trips of one call. The subtree (a federation, 10 streets, 500
 * grassroots unions of 200 members over six years) is written straight into the store in batches, with
 * its union_stats counted by the same rules the functions use (server/stats/rebuild.ts statsOfRecords).
 *   npx tsx bench/union-stats.ts [--members 100000] [--calls 30]
 */
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { startLocalCloud, type LocalCloud } from '../local-cloud'
import { operatorDb } from '../local-cloud/demo/act'
import { buildFunctions } from '../scripts/build-functions'
import { statsOfRecords } from '../server/stats/rebuild'
import { envelopeOf } from '../shared/contract'
import { inChina } from '../shared/date'
import { STATS } from '../shared/stats/figures'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const MEMBERS = arg('members', 100_000)
const CALLS = arg('calls', 30)
const STREETS = 10
const UNIONS = 500
const ROOT = 'u-bench'
const STAFF = 'bench-staff'
const YEAR = inChina(new Date()).year()
/** documents per insert: a busy machine's local cloud drops a connection that carries many more */
const BATCH = 500

const Any = envelopeOf(z.unknown())

async function generate(): Promise<void> {
  const db = operatorDb()
  const put = async (collection: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH)
      // a dropped connection is tried once more: an insert either lands whole or not at all
      try {
        await db.collection(collection).add({ data: batch })
      } catch {
        await db.collection(collection).add({ data: batch })
      }
    }
  }
  const abc = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  const code = (i: number) => Array.from({ length: 6 }, (_, k) => abc[Math.floor((i + 5000) / abc.length ** k) % abc.length]).join('')
  const union = (id: string, level: string, parentId: string | null, path: string[], i: number, createdAt: Date | null) => ({
    _id: id, name: `测试工会${i}`, level, parentId, path, region: '测试区', employer: '', acceptsGigWorkers: false, inviteCode: code(i),
    creditCode: '', address: '', industry: '', employeeCount: null, createdAt, dissolvedAt: null,
  })
  const unions = [union(ROOT, 'federation', null, [ROOT], 0, null)]
  for (let s = 0; s < STREETS; s++) unions.push(union(`${ROOT}-s${s}`, 'street', ROOT, [ROOT, `${ROOT}-s${s}`], 1 + s, null))
  for (let u = 0; u < UNIONS; u++) {
    const street = `${ROOT}-s${u % STREETS}`
    unions.push(union(`${ROOT}-g${u}`, 'grassroots', street, [ROOT, street, `${ROOT}-g${u}`], 100 + u, new Date(Date.UTC(YEAR - (u % 6), u % 12, 5))))
  }
  const profiles: object[] = []
  const stints: object[] = []
  for (let n = 0; n < MEMBERS; n++) {
    const u = n % UNIONS
    const street = `${ROOT}-s${u % STREETS}`
    const from = new Date(Date.UTC(YEAR - (n % 6), n % 12, 1 + (n % 27), 2))
    const status = n % 20 === 1 ? 'left' : 'active'
    const to = status === 'left' ? new Date(Math.min(Date.now() - 3600_000, from.getTime() + 100 * 86400_000)) : null
    profiles.push({
      _id: `bench-${n}`, openid: `bench-${n}`, name: `会员${n}`, phone: null, phoneVerified: false, idNumber: null, gender: n % 2 ? 'female' : 'male', birthYear: null,
      workerType: 'employee', employer: '', job: '', area: '', currentMembershipId: to ? null : `ms-bench-${n}`, openRequest: null, requestSeq: 0, createdAt: from, updatedAt: from,
    })
    stints.push({
      _id: `ms-bench-${n}`, openid: `bench-${n}`, unionId: `${ROOT}-g${u}`, unionPath: [ROOT, street, `${ROOT}-g${u}`], unionName: `测试工会${100 + u}`,
      memberNo: `B${String(n).padStart(8, '0')}`, joinedAt: from, from, to, status, retainReason: null, roleId: `r-bench-${n}`, requestId: null, createdAt: from, updatedAt: to ?? from,
    })
  }
  await put('unions', unions)
  await put('member_profiles', profiles)
  await put('memberships', stints)
  await put(STATS, statsOfRecords({ unions, member_profiles: profiles, memberships: stints }))
  await put('roles', [{ _id: `r-${STAFF}`, openid: STAFF, unionId: ROOT, role: 'staff', unionPath: [ROOT], grantedAt: new Date(), grantedBy: 'bench' }])
}

async function measure(cloud: LocalCloud, action: string, input: object): Promise<{ median: number; p95: number; trips: number }> {
  const before = cloud.adminRequests()
  const first = Any.parse(await cloud.invoke('union', { action, input }, { openid: STAFF }))
  if (!first.ok) throw new Error(`union.${action}: ${JSON.stringify(first.error)}`)
  const trips = cloud.adminRequests() - before
  const times: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now()
    const answer = Any.parse(await cloud.invoke('union', { action, input }, { openid: STAFF }))
    times.push(performance.now() - t0)
    if (!answer.ok) throw new Error(`union.${action}: ${JSON.stringify(answer.error)}`)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)], trips }
}

async function main(): Promise<void> {
  await buildFunctions(['union'])
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-union-stats-'))
  const cloud = await startLocalCloud({ dataDir, seed: true })
  try {
    const t0 = Date.now()
    await generate()
    console.log(`工作台 and 年度数据 of a ${MEMBERS.toLocaleString('en')}-member subtree (${UNIONS} unions; generated in ${((Date.now() - t0) / 1000).toFixed(0)} s), ${CALLS} calls each, union function on a quiet local cloud`)
    const runs: Array<[string, string, object]> = [
      ['union.workbench (subtree)', 'workbench', { unionId: ROOT }],
      [`union.yearFigures ${YEAR}`, 'yearFigures', { unionId: ROOT, year: YEAR }],
      [`union.yearFigures ${YEAR - 3}`, 'yearFigures', { unionId: ROOT, year: YEAR - 3 }],
    ]
    for (const [label, action, input] of runs) {
      // one action that fails (its time limit on a busy machine) does not hide the others' figures
      const m = await measure(cloud, action, input).catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
      if (typeof m === 'string') {
        console.log(`  ${label.padEnd(30)} failed: ${m.slice(0, 120)}`)
        process.exitCode = 1
      } else console.log(`  ${label.padEnd(30)} median ${m.median.toFixed(0).padStart(5)} ms   p95 ${m.p95.toFixed(0).padStart(5)} ms   round trips ${m.trips}`)
    }
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
