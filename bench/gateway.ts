/**
 * Function call latency through the H5 gateway: 50 concurrent callers, each signed in as a demo
 * persona (core seed), POST /api/fn/guarded {action:'whoami'} (the project router: parse → getWXContext →
 * roles query on the real engine → envelope). Prints p50/p95; bounded by a call count and a time cap.
 *   npx tsx bench/gateway.ts [--callers 50] [--calls 2000]
 */
import { mkdtempSync, rmSync } from 'fs'
import { cpus, loadavg, tmpdir } from 'os'
import { join } from 'path'
import { parseArgs } from 'util'
import { startLocalCloud } from '../local-cloud'
import { seed as coreSeed } from '../local-cloud/seed/core'
import { personas } from '../local-cloud/seed/personas'

const TIME_CAP_MS = 60_000

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export async function benchGateway(callers = 50, totalCalls = 2000): Promise<{ p50: number; p95: number; max: number; calls: number; failures: number; perSecond: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-gateway-'))
  const cloud = await startLocalCloud({ dataDir, devLogin: true, functionsDir: join(__dirname, '../tests/fixtures/functions') })
  try {
    // the foundation's demo data only: the union tree and the personas' roles the router looks up
    await cloud.db.seed({ unions: coreSeed.unions, roles: coreSeed.roles, users: coreSeed.users })
    const cookies = await Promise.all(
      personas.map(async (p) => {
        const res = await fetch(`${cloud.url}/dev/login`, { method: 'POST', body: `openid=${p.openid}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
        return (res.headers.get('set-cookie') ?? '').split(';')[0]
      }),
    )
    const call = (cookie: string) =>
      fetch(`${cloud.url}/api/fn/guarded`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"action":"whoami","input":{}}' }).then((r) => r.json())

    // One round to warm up (module load, JIT, connection pools), one measured round.
    const round = async (calls: number) => {
      const latencies: number[] = []
      let failures = 0
      let issued = 0
      const deadline = Date.now() + TIME_CAP_MS
      await Promise.all(
        Array.from({ length: callers }, async (_, c) => {
          while (issued < calls && Date.now() < deadline) {
            issued++
            const t0 = performance.now()
            const answer: unknown = await call(cookies[c % cookies.length])
            latencies.push(performance.now() - t0)
            if (typeof answer !== 'object' || answer === null || !('ok' in answer) || answer.ok !== true) failures++
          }
        }),
      )
      return { latencies, failures }
    }
    await round(Math.min(500, totalCalls))
    const started = performance.now()
    const { latencies, failures } = await round(totalCalls)
    const elapsed = performance.now() - started
    latencies.sort((a, b) => a - b)
    return {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies[latencies.length - 1],
      calls: latencies.length,
      failures,
      perSecond: (latencies.length / elapsed) * 1000,
    }
  } finally {
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { callers: { type: 'string', default: '50' }, calls: { type: 'string', default: '2000' } } })
  const callers = Number(values.callers)
  benchGateway(callers, Number(values.calls)).then(
    (r) =>
      console.log(
        `gateway: ${callers} concurrent callers, ${r.calls} calls (${r.failures} failed): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, ${r.perSecond.toFixed(0)} calls/s (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
      ),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
