/**
 * `npm run bench`: every figure the issues ask for, one script after another (they share 2 cores, so
 * never in parallel), then the figures of issue 13 in one table (union-stats prints issue 12's 100,000-member figures above it). Each script also runs alone:
 * `npx tsx bench/<name>.ts`. The H5 and weapp production builds are made first when dist/ lacks them
 * (`--no-build` skips that; the sizes are then reported as missing). `--only round-trips,sizes` runs a few.
 */
import { spawnSync } from 'child_process'
import { existsSync } from 'fs'
import { join } from 'path'
import { FIGURE_MARK, Figure, figureTable } from './figures'

const root = join(__dirname, '..')
const all = ['local-cloud-db.ts', 'gateway.ts', 'pending-list.ts', 'event-rush.ts', 'round-trips.ts', 'aid-approvals.ts', 'union-stats.ts', 'stats-rebuild.ts', 'sizes.ts', 'h5-load.ts']
// `--only round-trips,sizes` runs those alone (their figures still end in the table)
const onlyArg = process.argv.indexOf('--only')
const only = onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(',').map((name) => `${name.replace(/\.ts$/, '')}.ts`) : null
const scripts = only ? all.filter((s) => only.includes(s)) : all
const builds: Array<{ type: 'h5' | 'weapp'; marker: string }> = [
  { type: 'h5', marker: 'dist/h5/index.html' },
  { type: 'weapp', marker: 'dist/weapp/app.json' },
]

let failed = 0
if (!process.argv.includes('--no-build')) {
  for (const build of builds) {
    if (existsSync(join(root, build.marker))) continue
    console.log(`\n▶ NODE_ENV=production npx taro build --type ${build.type} (no ${build.marker} yet)`)
    const res = spawnSync('npx', ['taro', 'build', '--type', build.type], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (res.status !== 0) failed += 1
  }
}

const figures: Figure[] = []
for (const script of scripts) {
  console.log(`\n▶ bench/${script}`)
  // stdout is read back for the figure lines; everything else is shown as the script printed it
  const res = spawnSync('npx', ['tsx', `bench/${script}`], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, BENCH_FIGURES: '1' }, maxBuffer: 64 * 1024 * 1024 })
  for (const line of res.stdout.toString('utf8').split('\n')) {
    if (!line.startsWith(FIGURE_MARK)) {
      if (line) console.log(line)
      continue
    }
    const parsed = Figure.safeParse(JSON.parse(line.slice(FIGURE_MARK.length)))
    if (parsed.success) figures.push(parsed.data)
  }
  if (res.status !== 0) {
    failed += 1
    figures.push({ group: 'scripts that failed', label: `bench/${script}`, value: `exit ${res.status ?? res.signal}`, target: '', met: false })
  }
}

console.log('\n════ issue 13, every figure ════')
console.log(figureTable(figures))
process.exit(failed ? 1 : 0)
