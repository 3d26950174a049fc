import { mkdirSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join, resolve } from 'path'
import { startLocalCloud, type LocalCloud } from '../../../local-cloud'

/** The test-only manifest: core collections plus the collections these tests use. */
export const TEST_MANIFEST = resolve(__dirname, 'database')

export interface DbCloud {
  local: LocalCloud
  /** the real wx-server-sdk, pointed at `local` by the environment seam */
  cloud: WxCloud
  db: WxDb
  dataDir: string
  /** stops the cloud; keeps the data directory (for restart tests) */
  stop(): Promise<void>
  /** stops the cloud and deletes the data directory */
  cleanup(): Promise<void>
}

// wx-server-sdk's own typings are loose (`any` results); these tests poke at the raw SDK on purpose.
export type WxCloud = any
export type WxDb = any

/**
 * A local cloud on an ephemeral loopback port with a fresh (or given) data directory and no
 * functions, plus the real SDK pointed at it.
 */
export async function startDbCloud(opts: { dataDir?: string; onAdminRequest?: (action: string, body: Record<string, unknown>) => void } = {}): Promise<DbCloud> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'local-cloud-db-'))
  const functionsDir = join(dataDir, 'no-functions')
  mkdirSync(functionsDir, { recursive: true })
  const local = await startLocalCloud({ dataDir, port: 0, manifestDir: TEST_MANIFEST, functionsDir, onAdminRequest: opts.onAdminRequest })
  const cloud = loadSdk()
  const db = cloud.database()
  return {
    local,
    cloud,
    db,
    dataDir,
    stop: () => local.stop(),
    async cleanup() {
      await local.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Points the SDK in this process at a local cloud running elsewhere (another process): its printed admin URL. */
export function pointSdkAt(adminUrl: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl })
  process.env.TENCENTCLOUD_SECRETID = 'local-cloud'
  process.env.TENCENTCLOUD_SECRETKEY = 'local-cloud'
  process.env.TENCENTCLOUD = 'true'
  process.env.TCB_ENV = 'local-dev'
  process.env.SCF_NAMESPACE = 'local-dev'
}

export function loadSdk(): WxCloud {
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}

/** The error a wx-server-sdk call rejected with (fails the test if it resolved); check it with toMatchObject. */
export async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (err) {
    return err
  }
  throw new Error('expected the call to fail, it succeeded')
}
