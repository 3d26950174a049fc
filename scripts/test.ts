/**
 * `npm test`: every test, from a fresh clone. Builds what the tests run (the deployable cloud
 * functions, the H5 app the browser tests open, the weapp build the weapp tests load), makes sure Debian's chromium is there,
 * then runs all jest projects and prints one closing line `tests: N passed, N failed`.
 * Pass `--no-build` to reuse existing builds; other args go to jest.
 */
import { spawnSync } from 'child_process'
import { mkdirSync, readFileSync } from 'fs'
import { run } from './run'
import { ensureProductionWeappBuild } from '../tests/weapp/support/weappBuild'

const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const jestArgs = args.filter((a) => a !== '--no-build')

run('bash', ['scripts/ensure-chromium.sh'])
if (!skipBuild) {
  run('npx', ['tsx', 'scripts/build-functions.ts'])
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
  // here rather than in the weapp tests' beforeAll: at load 18 that build took 230 s inside the test run, while
  // the other weapp files' workers sat waiting for it. Rebuilt only when older than its sources.
  console.log('\n▶ weapp build (when older than its sources)')
  ensureProductionWeappBuild()
}
mkdirSync('.tmp', { recursive: true })

/** Runs jest once and returns its counts; the browser tests get a pass of their own, one at a time,
 *  because two H5 sessions sharing 2 cores with the other suites make every step crawl. */
function jest(projects: string[], extra: string[], out: string): { passed: number; failed: number; skipped: number; ok: boolean } {
  const select = projects.length ? ['--selectProjects', ...projects] : []
  const res = spawnSync('npx', ['jest', ...select, ...extra, '--json', `--outputFile=${out}`, ...jestArgs], { stdio: 'inherit' })
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'))
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests, ok: res.status === 0 }
  } catch {
    console.error('jest wrote no results')
    return { passed: 0, failed: 0, skipped: 0, ok: false }
  }
}

const none = { passed: 0, failed: 0, skipped: 0, ok: true }
const chosenByCaller = jestArgs.includes('--selectProjects')
const fast = jest(chosenByCaller ? [] : ['unit', 'local-cloud', 'functions', 'client', 'weapp', 'deploy'], ['--maxWorkers=2'], '.tmp/jest-results.json')
const browser = chosenByCaller ? none : jest(['e2e'], ['--runInBand'], '.tmp/jest-e2e-results.json')
console.log(`\ntests: ${fast.passed + browser.passed} passed, ${fast.failed + browser.failed} failed, ${fast.skipped + browser.skipped} skipped`)
process.exit(fast.ok && browser.ok ? 0 : 1)
