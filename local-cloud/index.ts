import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { randomBytes } from 'crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs'
import { join, resolve } from 'path'
import { openDatabase, type DatabaseEngine } from './db'
import { gatewayRoute } from './gateway'
import { createOpenApi, type OutboxMode, type SentMessage } from './openapi'
import { LOCAL_APPID, LOCAL_ENV, createRunner, type Identity } from './runner'
import { loadSeed } from './seed'
import { adminRoute, listen, type Route } from './server'
import { createStorage } from './storage'

export type { Identity } from './runner'
export type { SentMessage, OutboxMode } from './openapi'

const REPO = resolve(__dirname, '..')

export interface LocalCloudOptions {
  /** 0 (default) = an ephemeral port */
  port?: number
  dataDir: string
  /** default <repo>/cloudfunctions */
  functionsDir?: string
  /** default <repo>/database */
  manifestDir?: string
  /** an H5 build to serve at / */
  staticDir?: string
  /** load local-cloud/seed/*.ts into the database when it is empty (a restart keeps what people did; delete the data directory to start over) */
  seed?: boolean
  /** enable /dev/login (local mode only) */
  devLogin?: boolean
  /**
   * Overrides every function's time limit. Without it each function runs under the `timeout` (seconds) its
   * config.json declares, as CloudBase does, or CloudBase's default 3 s.
   */
  functionTimeoutMs?: number
  /** clock for temp-URL and session expiry (tests move it forward), default Date.now */
  clock?: () => number
  /** sees every TCB admin request: action and decoded body */
  onAdminRequest?: (action: string, body: Record<string, unknown>) => void
}

export interface LocalCloud {
  url: string
  port: number
  /**
   * The SDK's endpoint with the key made at this start (`<url>/admin/<key>`). Functions the cloud runs get
   * it through TCB_CONTEXT_CNFG; a tool that uses the SDK itself sets TCB_CONTEXT_CNFG={"URL":adminUrl}.
   */
  adminUrl: string
  /** Runs a function the way a phone's wx.cloud.callFunction would, as `identity`; the result as JSON. */
  invoke(fn: string, event: unknown, identity: Identity): Promise<unknown>
  /** Fires a timer trigger: event `{Type:'Timer', TriggerName, Time}`, empty OPENID. */
  invokeTimer(fn: string, triggerName: string): Promise<unknown>
  outbox: { list(): SentMessage[]; clear(): void; setMode(mode: OutboxMode): void }
  db: DatabaseEngine
  /**
   * How many SDK requests /admin has served since start (monotonic; each call inside a transaction is one).
   * Read it before and after one action on a quiet cloud to count that action's round trips.
   */
  adminRequests(): number
  /**
   * Overrides every function's time limit for the invocations that start from now on; `undefined` goes back to
   * `functionTimeoutMs` or each config.json's. For a test whose subject is not time (a rush checked for who
   * got a place) on a machine it shares: there the declared limit measures the machine, not the function.
   */
  setFunctionTimeoutMs(ms: number | undefined): void
  stop(): Promise<void>
}

/** One secret per data directory: sessions and temp URLs stay valid across restarts. */
function secretFor(dataDir: string): string {
  const file = join(dataDir, 'local-cloud.secret')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}

/**
 * The environment seam (architecture §3): the real wx-server-sdk in this process talks to us.
 * Invocations carry their own copy of TCB_CONTEXT_CNFG, so several clouds in one process stay apart.
 */
const SDK_ENV: Record<string, string> = {
  TENCENTCLOUD_SECRETID: 'local-cloud',
  TENCENTCLOUD_SECRETKEY: 'local-cloud',
  TENCENTCLOUD: 'true',
  TCB_ENV: LOCAL_ENV,
  // node-sdk fills a request's envName for DYNAMIC_CURRENT_ENV from SCF_NAMESPACE (TCB_ENV is only read by getWXContext).
  SCF_NAMESPACE: LOCAL_ENV,
}

function pointSdkAt(adminUrl: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl })
  for (const [k, v] of Object.entries(SDK_ENV)) process.env[k] = v
}

/** Dev-only field keys, so functions that encrypt (profiles, aid) work locally; production sets its own. */
function useLocalFieldKeys(): void {
  for (const [k, v] of Object.entries(LOCAL_PRIVACY_ENV)) process.env[k] ??= v
}

const isEmpty = (db: DatabaseEngine) => Object.values(db.stats()).every((n) => n === 0)

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = resolve(opts.dataDir)
  mkdirSync(join(dataDir, 'storage'), { recursive: true })
  const secret = secretFor(dataDir)
  // Unlike `secret` (kept for sessions and temp URLs), the admin key is new at every start.
  const adminKey = randomBytes(24).toString('hex')
  const db = await openDatabase({ dataDir: join(dataDir, 'db'), manifestDir: opts.manifestDir ?? join(REPO, 'database') })
  let routes: Route[] = []
  const { server, port } = await (async () => {
    // Only an empty database: re-seeding on every start put back decided requests and contradicted the fund's ledger.
    if (opts.seed && isEmpty(db)) await db.seed(loadSeed())
    return listen(opts.port ?? 0, () => routes)
  })().catch(async (err: unknown) => {
    await db.close()
    throw err
  })
  const url = `http://127.0.0.1:${port}`
  const adminUrl = `${url}/admin/${adminKey}`
  const runner = createRunner({ functionsDir: opts.functionsDir ?? join(REPO, 'cloudfunctions'), adminUrl, secret, timeoutMs: opts.functionTimeoutMs, sdkEnv: SDK_ENV })
  const storage = createStorage({ dir: join(dataDir, 'storage'), baseUrl: url, secret, env: LOCAL_ENV, now: opts.clock ?? Date.now })
  const openapi = createOpenApi()
  let served = 0
  const invoke = (fn: string, event: unknown, identity: Identity) => runner.invoke(fn, event, identity)
  routes = [
    adminRoute({ adminKey, db, storage, runner, openapi, onAdminRequest: opts.onAdminRequest, onServed: () => void served++ }),
    // The demo's clock (/dev/time) exists only where dev sign-in does: local mode, never production.
    // Loaded only then: it brings the SDK and the demo's modules, which a plain start does not need.
    ...(opts.devLogin ? [(require('./demo/timeRoute') as typeof import('./demo/timeRoute')).demoTimeRoute(() => local)] : []),
    gatewayRoute({ invoke, hasFunction: runner.has, outbox: openapi.outbox, secret, devLogin: opts.devLogin ?? false, staticDir: opts.staticDir, revokedFile: join(dataDir, 'revoked-sessions.json'), now: opts.clock }),
  ]
  pointSdkAt(adminUrl)
  useLocalFieldKeys()

  const local: LocalCloud = {
    url,
    port,
    adminUrl,
    invoke,
    invokeTimer: runner.invokeTimer,
    outbox: openapi.outbox,
    db,
    adminRequests: () => served,
    setFunctionTimeoutMs: (ms) => runner.overrideLimit(ms),
    async stop() {
      runner.stop()
      // The SDK keeps sockets alive; close them so the port and the process are released.
      await new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      })
      await db.close()
    },
  }
  return local
}

export { LOCAL_APPID, LOCAL_ENV }
