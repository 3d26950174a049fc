/**
 * `npm run bench`: every figure the issues ask for, one script after another (they share 2 cores, so
 * never in parallel). Each script also runs alone: `npx tsx bench/<name>.ts --help`.
 */
import { spawnSync } from 'child_process'

const scripts = ['local-cloud-db.ts', 'gateway.ts', 'pending-list.ts', 'event-rush.ts', 'round-trips.ts', 'aid-approvals.ts', 'union-stats.ts', 'sizes.ts', 'h5-load.ts']
let failed = 0
for (const script of scripts) {
  console.log(`\n▶ bench/${script}`)
  const res = spawnSync('npx', ['tsx', `bench/${script}`], { stdio: 'inherit' })
  if (res.status !== 0) failed += 1
}
process.exit(failed ? 1 : 0)
