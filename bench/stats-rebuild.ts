/**
 * stats.rebuild on generated members (issue 12): the rebuild goes a bounded slice per call, so each call
 * must stay well inside the stats function's 20 s whatever the size. Calls the real function until it
 * answers done, as any caller must, and prints the calls, the total time and the slowest call.
 * The members are the ones tests/functions/unionStats.test.ts proves the rebuilt figures right on.
 *   npx tsx bench/stats-rebuild.ts [--members 10000]   (BENCH_VERBOSE=1 prints each call: phase, stints counted, time)
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { startLocalCloud } from '../local-cloud'
import { operatorDb } from '../local-cloud/demo/act'
import { buildFunctions } from '../scripts/build-functions'
import { envelopeOf } from '../shared/contract'
import { RebuiltStats } from '../shared/stats/figures'
import { role } from '../tests/helpers/roles'
import { generateMembers } from '../tests/helpers/statsMembers'
import { figure } from './figures'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const MEMBERS = arg('members', 10_000)
const ROOT_STAFF = 'bench-root-staff'
const LIMIT_S = z.object({ timeout: z.number() }).parse(JSON.parse(readFileSync(join(__dirname, '..', 'cloudfunctions', 'stats', 'config.json'), 'utf8'))).timeout
const Answer = envelopeOf(RebuiltStats)

async function main(): Promise<void> {
  await buildFunctions(['stats'])
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stats-rebuild-'))
  const cloud = await startLocalCloud({ dataDir, seed: true })
  try {
    const db = operatorDb()
    await generateMembers(db, { members: MEMBERS, unions: 30, small: 25 })
    await db.collection('roles').add({ data: [role(ROOT_STAFF, 'u-district', 'staff', ['u-district'])] })

    const times: number[] = []
    let runId: string | undefined
    let last: z.output<typeof RebuiltStats> | null = null
    const t0 = performance.now()
    do {
      const t = performance.now()
      const answer = Answer.parse(await cloud.invoke('stats', { action: 'rebuild', input: runId ? { runId } : {} }, { openid: ROOT_STAFF }))
      times.push(performance.now() - t)
      if (!answer.ok) throw new Error(`stats.rebuild, call ${times.length}: ${answer.error.code} ${answer.error.message}`)
      last = answer.data
      if (process.env.BENCH_VERBOSE) console.log(`  call ${times.length}: ${last.phase} ${last.members} ${last.ms} ms in the function, ${times[times.length - 1].toFixed(0)} ms`)
      runId = last.runId
    } while (!last.done)
    const total = performance.now() - t0
    const slowest = Math.max(...times)
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    console.log(`stats.rebuild of ${last.members.toLocaleString('en')} stints in ${last.unions} unions (${MEMBERS.toLocaleString('en')} generated members), ${last.documents} documents, on a quiet local cloud`)
    console.log(`  calls ${times.length}   total ${s(total)}   slowest call ${s(slowest)}   median call ${s([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)])}   (function limit ${LIMIT_S} s)`)
    const group = `stats.rebuild of ${MEMBERS.toLocaleString('en')} members`
    figure(group, 'calls / total', `${times.length} / ${s(total)}`)
    figure(group, 'slowest call', s(slowest), `well inside ${LIMIT_S} s (at most ${LIMIT_S / 2} s)`, slowest <= (LIMIT_S / 2) * 1000)
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
