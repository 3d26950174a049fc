/**
 * `npm test`: every test, from a fresh clone. Builds what the tests run (the deployable cloud
 * functions and the H5 app the browser tests open), makes sure Debian's chromium is there,
 * then runs all jest projects and prints one closing line `tests: N passed, N failed`.
 * Pass `--no-build` to reuse existing builds; other args go to jest.
 */
import { spawnSync } from 'child_process'
import { mkdirSync, readFileSync } from 'fs'
import { run } from './run'

const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build')
const jestArgs = args.filter((a) => a !== '--no-build')

run('bash', ['scripts/ensure-chromium.sh'])
if (!skipBuild) {
  run('npx', ['tsx', 'scripts/build-functions.ts'])
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
}
mkdirSync('.tmp', { recursive: true })
const jest = spawnSync('npx', ['jest', '--maxWorkers=2', '--json', '--outputFile=.tmp/jest-results.json', ...jestArgs], { stdio: 'inherit' })
let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 }
try {
  summary = JSON.parse(readFileSync('.tmp/jest-results.json', 'utf8'))
} catch {
  console.error('jest wrote no results')
}
console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`)
process.exit(jest.status ?? 1)
