import path from 'node:path'
import { useTestWaits } from './waits'

type Rtl = typeof import('@testing-library/react')

const repoRoot = path.resolve(__dirname, '../../..')
let current: Rtl | undefined

/**
 * Starts the app afresh, as after WeChat killed it: every module (React included) is loaded again,
 * only the phone's storage (kept by the Taro stand-in on globalThis) carries over.
 * Returns testing-library bound to this launch and a loader for client modules (paths from the repo root).
 */
export function launchApp() {
  current?.cleanup()
  jest.resetModules()
  // `pure`: no auto-cleanup hooks, which may not be registered inside a test
  const rtl: Rtl = require('@testing-library/react/pure')
  // a fresh testing-library has the 1 s default wait again
  useTestWaits(rtl.configure)
  current = rtl
  return { ...rtl, load: (fromRoot: string): unknown => require(path.join(repoRoot, fromRoot)) }
}

/** Unmounts whatever the last launch rendered; call from afterEach. */
export function closeApp(): void {
  current?.cleanup()
  current = undefined
}
