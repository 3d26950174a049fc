import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const repoRoot = path.resolve(__dirname, '../../..')
export const weappDist = path.join(repoRoot, 'dist/weapp')

const SOURCES = ['client', 'shared', 'config', 'babel.config.js', 'package.json']

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

/** A watch build is unminified: thousands of lines in taro.js instead of a handful. */
function isProductionBuild(): boolean {
  const taroJs = path.join(weappDist, 'taro.js')
  if (!fs.existsSync(taroJs)) return false
  return fs.readFileSync(taroJs, 'utf8').split('\n').length < 50
}

function isFresh(): boolean {
  const builtAt = newestMtime(path.join(weappDist, 'app.js'))
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(repoRoot, s))))
  return builtAt > sourcesAt && isProductionBuild()
}

const lockDir = path.join(repoRoot, 'dist/.weapp-build.lock')

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * The tests load what would be uploaded to WeChat: the production weapp build. It is rebuilt
 * (`taro build --type weapp`, ≈ 20 s) when missing, unminified, or older than any source.
 * Test files run in parallel workers, so one builds while the others wait on a lock folder.
 */
export function ensureProductionWeappBuild(): void {
  if (isFresh()) return
  fs.mkdirSync(path.dirname(lockDir), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lockDir)
      break
    } catch {
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 300_000) fs.rmSync(lockDir, { recursive: true, force: true }) // left by a killed run
      sleepSync(500)
    }
  }
  try {
    if (isFresh()) return // another worker built it while this one waited
    execFileSync(path.join(repoRoot, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
      timeout: 300_000,
    })
  } catch (error) {
    const output = error instanceof Error && 'stdout' in error ? String(error.stdout) + String(Reflect.get(error, 'stderr')) : String(error)
    const errors = output.slice(Math.max(0, output.lastIndexOf('Errors')))
    throw new Error(`taro build --type weapp failed:\n${errors.slice(0, 3000)}`)
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}

/** Every file of the build, as [path relative to dist/weapp, contents]. */
export function builtFiles(): [string, string][] {
  const out: [string, string][] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push([path.relative(weappDist, full), fs.readFileSync(full, 'utf8')])
    }
  }
  walk(weappDist)
  return out
}
