/**
 * 帮扶审批高峰: a unit chair approves N 生活救助 applications at the same moment against a fund with
 * room for R of them, through the compiled `review` function on the local cloud. Prints the outcome
 * (approved / refused for the fund / anything else), the fund afterwards (never below zero), the
 * latency of each approval (p50, p95, max) and the SDK round trips of one approval when nobody competes.
 *   npx tsx bench/aid-approvals.ts [--people 50] [--room 10]
 */
import { mkdtempSync, rmSync } from 'fs'
import { cpus, loadavg, tmpdir } from 'os'
import { join } from 'path'
import { parseArgs } from 'util'
import { z } from 'zod'
import { startLocalCloud } from '../local-cloud'
import { seed as coreSeed } from '../local-cloud/seed/core'
import { buildFunctions } from '../scripts/build-functions'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { envelopeOf } from '../shared/contract'
import { RACE_AMOUNT, RACE_CHAIR, stageAidRace } from '../tests/helpers/aidRace'
import { adminDb } from '../tests/functions/adminDb'
import { figure } from './figures'

const { values } = parseArgs({ options: { people: { type: 'string', default: '50' }, room: { type: 'string', default: '10' } } })
const PEOPLE = Number(values.people)
const ROOM = Number(values.room)
const Acted = envelopeOf(z.unknown())
const Fund = z.object({ budgetFen: z.number(), committedFen: z.number(), paidFen: z.number() })
const Move = z.object({ budgetFen: z.number(), committedFen: z.number(), paidFen: z.number() })

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
const ms = (n: number) => `${Math.round(n)} ms`

async function main() {
  process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
  process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY
  await buildFunctions(['aid', 'review'])
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-aid-'))
  let counting = false
  let roundTrips = 0
  const cloud = await startLocalCloud({
    dataDir,
    onAdminRequest: (action, body) => {
      if (!counting) return
      roundTrips += 1
      if (process.env.BENCH_TRACE) console.log(`  ${action} ${String(body.collectionName ?? '')}`)
    },
  })
  try {
    await cloud.db.seed({ unions: coreSeed.unions, users: coreSeed.users })
    // one more application than the race, approved alone first: the round trips of an uncontended approval
    const race = await stageAidRace(cloud, { workers: PEOPLE + 1, room: ROOM + 1 })
    const approve = (i: number) => cloud.invoke('review', { action: 'act', input: { requestId: race.requests[i], decision: 'approve', reason: '', expectedVersion: race.versions[i] } }, { openid: RACE_CHAIR })
    counting = true
    const alone = Acted.parse(await approve(PEOPLE))
    counting = false
    if (!alone.ok) throw new Error(`the lone approval failed: ${alone.error.message}`)

    const latencies: number[] = []
    const t0 = performance.now()
    const answers = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const started = performance.now()
        // a call the local cloud gave up on (its function time limit) counts as an answer nobody got
        const answer = await approve(i).then(
          (raw) => Acted.parse(raw),
          () => ({ ok: false as const, error: { code: 'TIMEOUT', message: '' } }),
        )
        latencies.push(performance.now() - started)
        return answer
      }),
    )
    const wallMs = performance.now() - t0
    // one more refusal once the fund is spent, alone: what a refused approval costs
    const refusedIdx = answers.findIndex((a) => !a.ok && a.error.code === 'QUOTA')
    let refusedTrips = 0
    if (refusedIdx >= 0) {
      counting = true
      const before = roundTrips
      await approve(refusedIdx)
      counting = false
      refusedTrips = roundTrips - before
    }
    const approved = answers.filter((a) => a.ok).length
    const quota = answers.filter((a) => !a.ok && a.error.code === 'QUOTA').length
    const other = answers.filter((a) => !a.ok && a.error.code !== 'QUOTA')
    const fund = Fund.parse((await adminDb().find('aid_funds', { _id: race.fundId }))[0])
    const moves = z.array(Move).parse(await adminDb().find('aid_fund_moves', { fundId: race.fundId }))
    const lowest = Math.min(fund.budgetFen - fund.committedFen - fund.paidFen, ...moves.map((m) => m.budgetFen - m.committedFen - m.paidFen))
    const sorted = [...latencies].sort((a, b) => a - b)

    console.log(`machine: ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`)
    console.log(`one approval, nobody competing: ${roundTrips - refusedTrips} SDK round trips; one refused for the fund: ${refusedTrips}`)
    console.log(`${PEOPLE} concurrent approvals, fund room for ${ROOM}: ${approved} approved, ${quota} refused for the fund, ${other.length} other answers${other.length ? ` (${[...new Set(other.map((a) => (a.ok ? '' : a.error.code)))].join(', ')})` : ''}`)
    console.log(`fund: committed ${fund.committedFen / RACE_AMOUNT} of ${fund.budgetFen / RACE_AMOUNT} grants; lowest balance on the ledger ${lowest / 100} yuan`)
    console.log(`latency per approval: p50 ${ms(pct(sorted, 50))}, p95 ${ms(pct(sorted, 95))}, max ${ms(sorted[sorted.length - 1] ?? 0)}; wall ${ms(wallMs)}`)
    const group = `${PEOPLE} aid approvals at once, fund room for ${ROOM} (load ${loadavg()[0].toFixed(1)})`
    figure(group, 'passed / refused for the fund / other', `${approved} / ${quota} / ${other.length}`, `${ROOM} / ${PEOPLE - ROOM} / 0`, approved === ROOM && quota === PEOPLE - ROOM && other.length === 0)
    figure(group, 'lowest balance on the ledger', `${lowest / 100} yuan`, 'never below 0', lowest >= 0)
    figure(group, 'latency p50 / p95', `${ms(pct(sorted, 50))} / ${ms(pct(sorted, 95))}`, 'p95 at most 3 s', pct(sorted, 95) <= 3000)
    figure(group, 'round trips: one approval / one refusal', `${roundTrips - refusedTrips} / ${refusedTrips}`)
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
