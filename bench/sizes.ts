/**
 * Prints the package sizes of the production builds: `npx tsx bench/sizes.ts [--check] [--max-main-kib N]`.
 * Build first: `NODE_ENV=production npx taro build --type weapp` (and `--type h5`, and `npx tsx scripts/build-functions.ts`
 * for the cloud function bundles, whose size is what a cold start loads).
 * --check (implied by --max-main-kib) exits 1 when the weapp main package is over budget
 * (default 450 KiB), a subpackage is over WeChat's 2 MiB limit, or the weapp build contains dev sign-in code.
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { z } from 'zod'
import { figure } from './figures'

const root = path.resolve(__dirname, '..')
const weappDir = path.join(root, 'dist/weapp')
const functionsDir = path.join(root, 'cloudfunctions')
const h5Dir = path.join(root, 'dist/h5')
const KiB = 1024
const MiB = 1024 * KiB
const maxMainArg = process.argv.indexOf('--max-main-kib')
const MAIN_BUDGET = maxMainArg > 0 ? Number(process.argv[maxMainArg + 1]) * KiB : 450 * KiB // ours (issue 13); WeChat's limit is 2 MiB
const isCheck = process.argv.includes('--check') || maxMainArg > 0
if (!Number.isFinite(MAIN_BUDGET) || MAIN_BUDGET <= 0) throw new Error('--max-main-kib needs a number of KiB')
const PACKAGE_LIMIT = 2 * MiB

const AppJson = z.object({ subPackages: z.array(z.object({ root: z.string(), name: z.string().optional() })).default([]) })

interface FileSize {
  file: string
  bytes: number
}

function filesUnder(dir: string): FileSize[] {
  if (!fs.existsSync(dir)) return []
  const out: FileSize[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push({ file: path.relative(dir, full).split(path.sep).join('/'), bytes: fs.statSync(full).size })
    }
  }
  walk(dir)
  return out
}

const sum = (files: FileSize[]) => files.reduce((n, f) => n + f.bytes, 0)
const kib = (bytes: number) => `${(bytes / KiB).toFixed(1).padStart(8)} KiB`
const pct = (bytes: number, of: number) => `${((bytes / of) * 100).toFixed(0)}%`

const problems: string[] = []

function reportWeapp(): void {
  const appJsonPath = path.join(weappDir, 'app.json')
  if (!fs.existsSync(appJsonPath)) {
    console.log('weapp: no build in dist/weapp (run NODE_ENV=production npx taro build --type weapp)')
    figure('H5 and weapp', 'weapp main package', 'no build in dist/weapp', `at most ${kib(MAIN_BUDGET).trim()}`, false)
    problems.push('no weapp build')
    return
  }
  const taroJs = path.join(weappDir, 'taro.js')
  if (fs.existsSync(taroJs) && fs.readFileSync(taroJs, 'utf8').split('\n').length > 50) {
    console.log('weapp: WARNING dist/weapp is a watch (unminified) build; sizes below are not what ships')
    problems.push('weapp build is not a production build')
  }
  const { subPackages } = AppJson.parse(JSON.parse(fs.readFileSync(appJsonPath, 'utf8')))
  // project.config.json is Taro's copy for DevTools, not part of the code package.
  const files = filesUnder(weappDir).filter((f) => f.file !== 'project.config.json')
  const inPackage = (file: string, pkgRoot: string) => file.startsWith(pkgRoot.replace(/\/?$/, '/'))
  const main = files.filter((f) => !subPackages.some((p) => inPackage(f.file, p.root)))
  const mainBytes = sum(main)

  console.log('weapp (dist/weapp, production build)')
  console.log(`  ${'main package'.padEnd(22)}${kib(mainBytes)}  ${pct(mainBytes, PACKAGE_LIMIT)} of WeChat's 2 MiB, ${pct(mainBytes, MAIN_BUDGET)} of our ${kib(MAIN_BUDGET).trim()} budget`)
  for (const f of [...main].sort((a, b) => b.bytes - a.bytes).slice(0, 8)) console.log(`    ${f.file.padEnd(20)}${kib(f.bytes)}`)
  let total = mainBytes
  for (const p of subPackages) {
    const bytes = sum(files.filter((f) => inPackage(f.file, p.root)))
    total += bytes
    console.log(`  ${('subpackage ' + (p.name ?? p.root)).padEnd(22)}${kib(bytes)}  (${p.root})`)
    if (bytes > PACKAGE_LIMIT) problems.push(`subpackage ${p.root} is over 2 MiB`)
  }
  console.log(`  ${'all packages'.padEnd(22)}${kib(total)}`)
  figure('H5 and weapp', 'weapp main package', kib(mainBytes).trim(), `at most ${kib(MAIN_BUDGET).trim()}`, mainBytes <= MAIN_BUDGET)
  if (mainBytes > MAIN_BUDGET) problems.push(`main package ${kib(mainBytes).trim()} is over the ${kib(MAIN_BUDGET).trim()} budget`)

  const leaks = files.filter((f) => fs.readFileSync(path.join(weappDir, f.file), 'utf8').includes('/dev/login'))
  console.log(`  ${'dev sign-in code'.padEnd(22)}${leaks.length === 0 ? 'absent' : 'PRESENT in ' + leaks.map((f) => f.file).join(', ')}`)
  if (leaks.length) problems.push('weapp build contains /dev/login')
}

function reportH5(): void {
  const indexHtml = path.join(h5Dir, 'index.html')
  if (!fs.existsSync(indexHtml)) {
    console.log('h5: no build in dist/h5 (run NODE_ENV=production npx taro build --type h5)')
    return
  }
  const files = filesUnder(h5Dir).filter((f) => !f.file.endsWith('.LICENSE.txt') && !f.file.endsWith('.map'))
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(h5Dir, file))).length
  const byKind = (ext: string) => files.filter((f) => f.file.endsWith(ext))
  const html = fs.readFileSync(indexHtml, 'utf8')
  const initial = files.filter((f) => html.includes('/' + f.file))
  const initialGz = initial.reduce((n, f) => n + gz(f.file), 0)
  console.log('h5 (dist/h5, production build)')
  console.log(`  ${'total'.padEnd(22)}${kib(sum(files))}  (js ${kib(sum(byKind('.js'))).trim()}, css ${kib(sum(byKind('.css'))).trim()}, ${files.length} files)`)
  console.log(`  ${'first load'.padEnd(22)}${kib(sum(initial))}  (${kib(initialGz).trim()} gzipped: ${initial.map((f) => f.file).join(', ')})`)
}

/** Each deployable function's bundle (cloudfunctions/<fn>/index.js): what a cold start reads and compiles. */
function reportFunctions(): void {
  const names = fs.readdirSync(functionsDir).filter((fn) => fs.existsSync(path.join(functionsDir, fn, 'config.json'))).sort()
  console.log('cloud functions (cloudfunctions/<fn>/index.js, bundled by scripts/build-functions.ts)')
  for (const fn of names) {
    const bundle = path.join(functionsDir, fn, 'index.js')
    if (!fs.existsSync(bundle)) {
      console.log(`  ${fn.padEnd(22)}not built (npx tsx scripts/build-functions.ts)`)
      continue
    }
    const bytes = fs.statSync(bundle).size
    console.log(`  ${fn.padEnd(22)}${kib(bytes)}  (${kib(gzipSync(fs.readFileSync(bundle)).length).trim()} gzipped)`)
    figure('cloud function bundles (what a cold start loads)', fn, kib(bytes).trim())
  }
}

reportWeapp()
console.log('')
reportH5()
console.log('')
reportFunctions()

if (isCheck && problems.length) {
  console.error('\nsize check failed:\n  ' + problems.join('\n  '))
  process.exit(1)
}
