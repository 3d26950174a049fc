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
const lockOwner = path.join(lockDir, 'pid')

/**
 * How long one build may take: ≈ 20 s on a quiet machine, 230 s at load 18 (npm test beside 7 other sessions).
 * Past this it is stuck, not slow.
 */
export const BUILD_LIMIT_MS = 600_000

/**
 * A lock is left over only when the process that took it is gone (killed run). Judging by the lock's age instead
 * let a worker take the lock from a build that was merely slow on a busy machine, and start a second build
 * writing into the same dist/weapp.
 */
function isLeftOver(): boolean {
  let pid: number
  try {
    pid = Number(fs.readFileSync(lockOwner, 'utf8').trim())
  } catch {
    // no owner yet: taken this instant, or left by a run killed between the two steps (or by an older version)
    const takenAt = fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs
    return takenAt !== undefined && Date.now() - takenAt > 60_000
  }
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return error instanceof Error && Reflect.get(error, 'code') === 'ESRCH'
  }
}

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
      fs.writeFileSync(lockOwner, String(process.pid))
      break
    } catch {
      if (isLeftOver()) fs.rmSync(lockDir, { recursive: true, force: true })
      else sleepSync(500)
    }
  }
  try {
    if (isFresh()) return // another worker built it while this one waited
    execFileSync(path.join(repoRoot, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'pipe',
      timeout: BUILD_LIMIT_MS,
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
