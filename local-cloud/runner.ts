import { AsyncLocalStorage } from 'async_hooks'
import { createHmac, randomUUID, timingSafeEqual } from 'crypto'
import { Console } from 'console'
import { existsSync, readFileSync, statSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'

/** Who is calling: what WeChat would inject for a signed-in phone. */
export interface Identity {
  openid: string
  appid?: string
  unionid?: string
}

/** The identity one invocation runs as, plus the call chain (getWXContext().SOURCE). */
export const CallerContext = z.object({ openid: z.string(), appid: z.string(), unionid: z.string().optional(), source: z.string() })
export type CallerContext = z.infer<typeof CallerContext>
/** What an invocation's WX_API_TOKEN holds: its caller, and which invocation it is (to stop it after its time limit). */
const InvocationToken = CallerContext.extend({ invocation: z.string().optional() })

export interface Runner {
  /**
   * A call from a phone (wx.cloud.callFunction): SOURCE `wx_client`, and like WeChat the event gets
   * `userInfo: {appId, openId}` (functions must still read identity from getWXContext()).
   */
  invoke(fn: string, event: unknown, identity: Identity): Promise<unknown>
  /** Runs `exports.main(event, context)` of <functionsDir>/<fn>/index.js as `caller`; the result as the phone gets it (JSON). */
  run(fn: string, event: unknown, caller: CallerContext): Promise<unknown>
  /** A timer trigger: `{Type:'Timer', TriggerName, Time}`, no caller identity. */
  invokeTimer(fn: string, triggerName: string): Promise<unknown>
  has(fn: string): boolean
  /** Decodes the WX_API_TOKEN an invocation's SDK sends back as `wxCloudApiToken`. */
  callerOf(token: unknown): CallerContext | null
  /** True when `token` is that of an invocation past its time limit: SCF would have ended it, so its requests are refused. */
  outlived(token: unknown): boolean
  /** The time limit `fn` runs under: its config.json `timeout` (seconds), unless overridden */
  limitMs(fn: string): number
  /** Overrides every function's limit for invocations that start from now on (undefined: back to `timeoutMs`, or each config.json's). */
  overrideLimit(ms: number | undefined): void
  /** The cloud is stopping: no invocation starts from now on (see execute). */
  stop(): void
}

export interface RunnerOptions {
  functionsDir: string
  /** this cloud's TCB admin endpoint, e.g. http://127.0.0.1:PORT/admin */
  adminUrl: string
  secret: string
  /**
   * Overrides every function's time limit (tests of the runner itself). Without it each function runs
   * under the `timeout` its config.json declares, in seconds, or CloudBase's default of 3 s (domain.md B5).
   */
  timeoutMs?: number
  /**
   * The variables the SDK reads besides identity (credentials, TCB_ENV, SCF_NAMESPACE…). Each invocation
   * carries its own copy, so nothing done to the process environment later (another cloud starting or
   * stopping, a test suite ending) can take them from a function that is still running.
   */
  sdkEnv?: Record<string, string>
  /** Phone calls (invoke) running at once; default MAX_RUNNING. Calls between functions and timers never wait. */
  maxRunning?: number
}

/*
 * SCF runs each invocation on an instance of its own; here all of them share one process and its share of
 * the CPU. Run 500 at once and they interleave: each of their SDK requests waits behind everyone else's, so
 * every caller is answered only when the whole rush is done, past the limit on a busy machine. So at most
 * this many phone calls run at once and the rest wait their turn in arrival order; a call's time limit counts
 * from its start, as SCF's does, and the caller's wait (bench/event-rush.ts prints it) still includes the queue.
 */
export const MAX_RUNNING = 16

/** CloudBase's timeout when config.json declares none (domain.md B5). */
export const DEFAULT_TIMEOUT_MS = 3_000
const FunctionConfig = z.object({ timeout: z.number().int().min(1).max(900).optional() })

/** The appid every local invocation reports unless the identity names one. */
export const LOCAL_APPID = 'wx0000000000000000'
export const LOCAL_ENV = 'local-dev'
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/

/*
 * wx-server-sdk's getWXContext() and node-sdk's request signing read identity from the *global*
 * process.env. To let concurrent invocations each see their own, process.env is replaced once by a
 * Proxy that answers from the current invocation's overlay (an AsyncLocalStorage store) first.
 * Assigning an overlay key inside an invocation changes the overlay only; everything else passes through.
 */
type Overlay = Record<string, string | undefined>
const OVERLAY_KEY = Symbol.for('local-cloud.env-overlay')
interface Installed {
  als: AsyncLocalStorage<Overlay>
  proxy: NodeJS.ProcessEnv
}

function isInstalled(value: unknown): value is Installed {
  return typeof value === 'object' && value !== null && 'als' in value && value.als instanceof AsyncLocalStorage
}

/** Makes sure process.env is the overlay proxy (again, if some code replaced process.env since). */
export function envOverlay(): AsyncLocalStorage<Overlay> {
  // Keyed on the process object, which inside jest is the test sandbox's own: one overlay per sandbox.
  const existing: unknown = Reflect.get(process, OVERLAY_KEY)
  if (isInstalled(existing) && process.env === existing.proxy) return existing.als
  const als = isInstalled(existing) ? existing.als : new AsyncLocalStorage<Overlay>()
  const inOverlay = (key: string | symbol): Overlay | undefined => {
    const store = als.getStore()
    return store && typeof key === 'string' && Object.prototype.hasOwnProperty.call(store, key) ? store : undefined
  }
  const proxy = new Proxy(process.env, {
    get: (target, key) => {
      const store = inOverlay(key)
      return store ? store[String(key)] : Reflect.get(target, key)
    },
    has: (target, key) => {
      const store = inOverlay(key)
      return store ? store[String(key)] !== undefined : Reflect.has(target, key)
    },
    set: (target, key, value) => {
      const store = inOverlay(key)
      if (store) store[String(key)] = String(value)
      else Reflect.set(target, key, String(value))
      return true
    },
    deleteProperty: (target, key) => {
      const store = inOverlay(key)
      if (store) store[String(key)] = undefined
      else Reflect.deleteProperty(target, key)
      return true
    },
    ownKeys: (target) => {
      const keys = new Set(Reflect.ownKeys(target))
      for (const [k, v] of Object.entries(als.getStore() ?? {})) v === undefined ? keys.delete(k) : keys.add(k)
      return [...keys]
    },
    getOwnPropertyDescriptor: (target, key) => {
      const store = inOverlay(key)
      if (!store) return Reflect.getOwnPropertyDescriptor(target, key)
      const value = store[String(key)]
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true }
    },
  })
  process.env = proxy
  Reflect.set(process, OVERLAY_KEY, { als, proxy })
  return als
}

const CONSOLE_KEY = Symbol.for('local-cloud.function-console')

/*
 * SCF writes what a function logs to its log as plain lines. Inside jest the global console is jest's own,
 * which dresses every call with a stack trace, source-map lookups and a code frame read from the 1 MB
 * bundle: milliseconds of CPU each. In a rush of 500 sign-ups on a busy machine the SDK's "longer than 3s"
 * warnings (thousands) then starved the one process that is both cloud and functions, every request got
 * slower, more warnings fired, and calls ran past their limit. So while an invocation runs (its overlay
 * store is set, timers it started included) console goes plainly to stdout/stderr; outside, it is untouched.
 */
function routeFunctionConsole(als: AsyncLocalStorage<Overlay>): void {
  const current: unknown = globalThis.console
  if (typeof current === 'object' && current !== null && Reflect.get(current, CONSOLE_KEY) === als) return
  const outer = globalThis.console
  const plain = new Console({ stdout: process.stdout, stderr: process.stderr })
  globalThis.console = new Proxy(outer, {
    get: (target, key) => {
      if (key === CONSOLE_KEY) return als
      const own: unknown = als.getStore() && typeof key === 'string' ? Reflect.get(plain, key) : undefined
      return typeof own === 'function' ? own : Reflect.get(target, key)
    },
  })
}

/** HMAC-signed, base64url JSON: the token format shared by WX_API_TOKEN, temp URLs and sessions. */
export function signToken(secret: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

export function verifyToken(secret: string, token: unknown): unknown {
  if (typeof token !== 'string') return null
  const [body, mac, extra] = token.split('.')
  if (!body || !mac || extra !== undefined) return null
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64url'))
  const given = Buffer.from(mac)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return null
  }
}

/** What real CloudBase sends over the wire: JSON. Dates become strings, undefined disappears. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? null : JSON.parse(text)
}

export function createRunner(opts: RunnerOptions): Runner {
  /** invocations that outlived their limit; their later SDK requests are refused (cleared with the runner) */
  const outlived = new Set<string>()
  let stopped = false
  let override = opts.timeoutMs
  const configs = new Map<string, { mtimeMs: number; limitMs: number }>()
  const loaded = new Map<string, { mtimeMs: number; main: (event: unknown, context: unknown) => unknown }>()
  const entry = (fn: string) => join(opts.functionsDir, fn, 'index.js')
  const has = (fn: string) => FUNCTION_NAME.test(fn) && existsSync(entry(fn))

  function load(fn: string) {
    if (!has(fn)) throw new Error(`[local-cloud] 云函数不存在：${fn}（在 ${opts.functionsDir} 中没有 ${fn}/index.js，先运行 npm run build:functions）`)
    const file = entry(fn)
    const { mtimeMs } = statSync(file)
    const cached = loaded.get(fn)
    if (cached && cached.mtimeMs === mtimeMs) return cached.main
    // A rebuilt function is picked up on its next call (plain node; jest keeps its own module registry).
    if (cached && require.cache) delete require.cache[require.resolve(file)]
    // Plain require, not createRequire: inside jest it must resolve wx-server-sdk in the test's sandbox.
    const mod: unknown = require(file)
    const main = typeof mod === 'object' && mod !== null && 'main' in mod ? mod.main : undefined
    if (typeof main !== 'function') throw new Error(`[local-cloud] ${file} 没有导出 main 函数`)
    const bound = (event: unknown, context: unknown): unknown => main(event, context)
    loaded.set(fn, { mtimeMs, main: bound })
    return bound
  }

  function limitMs(fn: string): number {
    if (override !== undefined) return override
    const file = join(opts.functionsDir, fn, 'config.json')
    if (!FUNCTION_NAME.test(fn) || !existsSync(file)) return DEFAULT_TIMEOUT_MS
    const { mtimeMs } = statSync(file)
    const cached = configs.get(fn)
    if (cached && cached.mtimeMs === mtimeMs) return cached.limitMs
    const parsed = FunctionConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (!parsed.success) throw new Error(`[local-cloud] ${file} 的 timeout 无效：${parsed.error.message}`)
    const limit = (parsed.data.timeout ?? DEFAULT_TIMEOUT_MS / 1000) * 1000
    configs.set(fn, { mtimeMs, limitMs: limit })
    return limit
  }

  function overlayFor(caller: CallerContext, invocation: string, trigger: boolean): Overlay {
    // Real CloudBase passes the caller's context onward in this token; the SDK sends it back as wxCloudApiToken.
    const token = signToken(opts.secret, { ...caller, invocation })
    return {
      ...opts.sdkEnv,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
      WX_OPENID: caller.openid,
      WX_APPID: caller.appid,
      WX_UNIONID: caller.unionid,
      WX_API_TOKEN: token,
      TCB_SOURCE: caller.source,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: opts.adminUrl }),
      // SCF sets TRIGGER_SRC=timer for a timer trigger, and node-sdk then sends WX_TRIGGER_API_TOKEN_V0.
      TRIGGER_SRC: trigger ? 'timer' : undefined,
      WX_TRIGGER_API_TOKEN_V0: trigger ? token : undefined,
    }
  }

  async function execute(fn: string, event: unknown, caller: CallerContext, trigger = false): Promise<unknown> {
    // Code that outlives its test (jest gave up on it) may still call in after the cloud stopped; starting a
    // function then would reach for an environment and a server that are gone, and fail inside the next suite.
    if (stopped) throw new Error(`[local-cloud] 本地云已停止，不再运行云函数 ${fn}`)
    const als = envOverlay()
    routeFunctionConsole(als)
    const main = load(fn)
    const timeoutMs = limitMs(fn)
    const requestId = randomUUID()
    const overlay = overlayFor(caller, requestId, trigger)
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      request_id: requestId,
      function_name: fn,
      function_version: '$LATEST',
      namespace: LOCAL_ENV,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environment: JSON.stringify(overlay),
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // SCF ends a function at its limit; here it may still be running, so its next SDK request is refused.
        outlived.add(requestId)
        reject(new Error(`[local-cloud] 云函数 ${fn} 执行超时（${timeoutMs / 1000} 秒）`))
      }, timeoutMs)
    })
    try {
      const result = await Promise.race([als.run({ ...overlay }, async () => main(event, context)), timeout])
      return asJson(result)
    } finally {
      clearTimeout(timer)
    }
  }

  const maxRunning = opts.maxRunning ?? MAX_RUNNING
  let running = 0
  const turns: Array<() => void> = []
  /** Waits for a free slot (first come, first served); a finished call hands its slot straight to the next. */
  function startTurn(): Promise<void> {
    if (running < maxRunning) {
      running++
      return Promise.resolve()
    }
    return new Promise((resolve) => turns.push(resolve))
  }
  function endTurn(): void {
    const next = turns.shift()
    if (next) next()
    else running--
  }

  return {
    has,
    async invoke(fn, event, identity) {
      const caller: CallerContext = { openid: identity.openid, appid: identity.appid ?? LOCAL_APPID, unionid: identity.unionid, source: 'wx_client' }
      const isObject = typeof event === 'object' && event !== null && !Array.isArray(event)
      const withUser = isObject ? { ...event, userInfo: { appId: caller.appid, openId: caller.openid } } : event
      await startTurn()
      try {
        return await execute(fn, withUser, caller)
      } finally {
        endTurn()
      }
    },
    run: (fn, event, caller) => execute(fn, event, caller),
    invokeTimer(fn, triggerName) {
      const caller: CallerContext = { openid: '', appid: '', source: 'wx_trigger' }
      const event = { Type: 'Timer', TriggerName: triggerName, Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }
      return execute(fn, event, caller, true)
    },
    callerOf(token) {
      const parsed = InvocationToken.safeParse(verifyToken(opts.secret, token))
      if (!parsed.success) return null
      const { invocation: _invocation, ...caller } = parsed.data
      return caller
    },
    outlived(token) {
      const parsed = InvocationToken.safeParse(verifyToken(opts.secret, token))
      return parsed.success && parsed.data.invocation !== undefined && outlived.has(parsed.data.invocation)
    },
    limitMs,
    overrideLimit(ms) {
      override = ms ?? opts.timeoutMs
    },
    stop() {
      stopped = true
    },
  }
}
