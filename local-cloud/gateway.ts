import { randomUUID } from 'crypto'
import { existsSync, readFileSync, writeFileSync } from 'fs'
import { stat, readFile } from 'fs/promises'
import type { IncomingMessage, ServerResponse } from 'http'
import { extname, join, resolve, sep } from 'path'
import { z } from 'zod'
import { MAX_PAYLOAD_BYTES, fail } from '../shared/contract'
import { chooseEncoding, compressionCache } from './compress'
import { loginPage, outboxPage, placeholderPage } from './devPages'
import type { Outbox } from './openapi'
import { signToken, verifyToken, type Identity } from './runner'
import { NEW_PERSON_PREFIX, personaOf, personas } from './seed/personas'
import { readBody, sendBytes, sendJson, type Route } from './server'

/**
 * The H5 client's way in: `POST /api/fn/<name>` with `{action, input}` runs the compiled function as
 * the signed-in persona and answers its envelope. Dev sign-in (/dev/login) exists only with devLogin.
 * Everything else is the H5 build (staticDir) with a fallback to index.html for client-side routes.
 */
export interface GatewayOptions {
  invoke(fn: string, event: unknown, identity: Identity): Promise<unknown>
  hasFunction(fn: string): boolean
  outbox: Outbox
  secret: string
  devLogin: boolean
  staticDir?: string
  /** where signed-out sessions are remembered until they expire (sessions outlive a restart, so must this) */
  revokedFile: string
  /** session expiry is measured on this clock, default Date.now */
  now?: () => number
}

const COOKIE = 'lc_session'
/** A dev session lasts a working day; signing out ends it at once. */
const SESSION_MS = 12 * 3600_000
const Session = z.object({ kind: z.literal('session'), sid: z.string().min(1), openid: z.string().min(1), exp: z.number() })
const Revoked = z.record(z.string(), z.number())

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

/** A cookie's value; a malformed one (bad %-escape) counts as absent, not as a server error. */
function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k !== name) continue
    try {
      return decodeURIComponent(v.join('='))
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Signed-out session ids with their expiry, kept in a file so a restart does not bring them back. */
function revocations(file: string, now: () => number) {
  const read = (): Record<string, number> => {
    if (!existsSync(file)) return {}
    try {
      const parsed = Revoked.safeParse(JSON.parse(readFileSync(file, 'utf8')))
      return parsed.success ? parsed.data : {}
    } catch {
      return {}
    }
  }
  let revoked = read()
  return {
    has: (sid: string) => Object.prototype.hasOwnProperty.call(revoked, sid),
    add(sid: string, exp: number) {
      // an expired session is refused anyway: forget it so the file stays small
      revoked = Object.fromEntries(Object.entries({ ...revoked, [sid]: exp }).filter(([, e]) => e > now()))
      writeFileSync(file, JSON.stringify(revoked), { mode: 0o600 })
    },
  }
}

/** Taro's H5 build names these `[name].[contenthash:8].js|css`: a new build gets new names, so they never change. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/
const cacheControl = (file: string) =>
  file.endsWith('index.html') ? 'no-cache' : HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300'

const isJson = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json'

export function gatewayRoute(opts: GatewayOptions): Route {
  const now = opts.now ?? Date.now
  const compressed = compressionCache()
  const revoked = revocations(opts.revokedFile, now)
  const session = (req: IncomingMessage): z.infer<typeof Session> | null => {
    const parsed = Session.safeParse(verifyToken(opts.secret, cookie(req, COOKIE)))
    if (!parsed.success || parsed.data.exp <= now() || revoked.has(parsed.data.sid)) return null
    return parsed.data
  }
  const sessionOpenid = (req: IncomingMessage): string => session(req)?.openid ?? ''
  const html = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
    sendBytes(res, status, 'text/html; charset=utf-8', body, { 'cache-control': 'no-store', ...headers })
  const redirect = (res: ServerResponse, location: string, setCookie: string) => {
    res.writeHead(303, { location, 'set-cookie': setCookie, 'cache-control': 'no-store' })
    res.end()
  }

  async function callFunction(req: IncomingMessage, res: ServerResponse, name: string) {
    if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', '请求方式不正确'), { allow: 'POST' })
    // Read (and drain) the body first, so an oversized request gets its answer instead of a reset connection.
    const raw = await readBody(req, MAX_PAYLOAD_BYTES)
    if (!opts.hasFunction(name)) return sendJson(res, 404, fail('UNKNOWN_ACTION', '该功能暂不可用，请更新小程序后再试'))
    if (raw === 'too-large') return sendJson(res, 413, fail('PAYLOAD_TOO_LARGE'))
    // The app always posts JSON. Text, form and multipart bodies are what another site's page can send
    // without asking first (no CORS preflight), so they are refused before anything runs.
    if (!isJson(req)) return sendJson(res, 415, fail('INVALID_INPUT', '请求内容格式不正确，请刷新页面后再试'))
    let event: unknown
    try {
      event = JSON.parse(raw.toString('utf8'))
    } catch {
      return sendJson(res, 400, fail('INVALID_INPUT', '请求内容格式不正确，请刷新页面后再试'))
    }
    try {
      // No session → empty openid: the function itself answers UNAUTHENTICATED where it must.
      sendJson(res, 200, await opts.invoke(name, event, { openid: sessionOpenid(req) }))
    } catch (err) {
      console.error(`[local-cloud] gateway: ${name} failed`, err)
      sendJson(res, 500, fail('INTERNAL'))
    }
  }

  async function devLogin(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path === '/dev/login' && req.method === 'GET') {
      html(res, 200, loginPage(personas, personaOf(sessionOpenid(req))))
      return true
    }
    if (path === '/dev/login' && req.method === 'POST') {
      const raw = await readBody(req, 4096)
      const form = new URLSearchParams(raw === 'too-large' ? '' : raw.toString('utf8'))
      // 新用户: someone opening the mini-program for the first time (an invited chair, a worker from a
      // shared link) has an openid nobody has seen; each press makes a fresh one.
      const fresh = form.get('new') === '1' ? `${NEW_PERSON_PREFIX}${randomUUID().replace(/-/g, '').slice(0, 16)}` : ''
      const persona = fresh ? { openid: fresh } : personaOf(form.get('openid') ?? '')
      if (!persona) {
        html(res, 400, loginPage(personas, undefined).replace('<h1>选择演示身份</h1>', '<h1>选择演示身份</h1><p>没有这个演示身份，请从下面选择。</p>'))
        return true
      }
      const token = signToken(opts.secret, { kind: 'session', sid: randomUUID(), openid: persona.openid, exp: now() + SESSION_MS })
      redirect(res, '/', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MS / 1000}`)
      return true
    }
    if (path === '/dev/logout' && (req.method === 'GET' || req.method === 'POST')) {
      // Clearing the cookie is not enough: a copy of the token must stop working too.
      const ending = session(req)
      if (ending) revoked.add(ending.sid, ending.exp)
      redirect(res, '/dev/login', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`)
      return true
    }
    // Captured messages name people and what happened to them: signed-in developers only.
    if ((path === '/dev/outbox' || path === '/dev/outbox.html') && req.method === 'GET') {
      if (!session(req)) {
        if (path === '/dev/outbox') sendJson(res, 401, fail('UNAUTHENTICATED', '请先选择演示身份'))
        else {
          res.writeHead(303, { location: '/dev/login', 'cache-control': 'no-store' })
          res.end()
        }
      } else if (path === '/dev/outbox') sendJson(res, 200, opts.outbox.list(), { 'cache-control': 'no-store' })
      else html(res, 200, outboxPage(opts.outbox.list()))
      return true
    }
    if (path === '/dev/me' && req.method === 'GET') {
      const openid = sessionOpenid(req)
      const persona = personaOf(openid)
      sendJson(res, 200, persona ? { openid: persona.openid, name: persona.name, role: persona.role } : openid ? { openid, name: null, role: '新用户' } : { openid: null })
      return true
    }
    return false
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string) {
    if (!opts.staticDir) {
      if (path === '/') html(res, 200, placeholderPage(opts.devLogin))
      else sendBytes(res, 404, 'text/plain; charset=utf-8', '页面不存在')
      return
    }
    const root = resolve(opts.staticDir)
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      decoded = '/'
    }
    const candidate = resolve(join(root, decoded))
    const inside = candidate === root || candidate.startsWith(root + sep)
    const isFile = inside && (await stat(candidate).then((s) => s.isFile(), () => false))
    // Client-side routes (no file of that name) get the app's index.html.
    const file = isFile ? candidate : join(root, 'index.html')
    const [body, info] = await Promise.all([readFile(file).catch(() => null), stat(file).catch(() => null)])
    if (!body || !info) return sendBytes(res, 404, 'text/plain; charset=utf-8', '页面不存在（H5 尚未构建）')
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const encoding = chooseEncoding(req.headers['accept-encoding'], type, body.length)
    const sent = encoding ? await compressed(file, info.mtimeMs, body, encoding) : body
    const headers = { 'cache-control': cacheControl(file), vary: 'accept-encoding', ...(encoding ? { 'content-encoding': encoding } : {}) }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': type, 'content-length': sent.length, ...headers })
      return void res.end()
    }
    sendBytes(res, 200, type, sent, headers)
  }

  return async (req, res, url) => {
    const path = url.pathname
    const fn = /^\/api\/fn\/([^/]*)$/.exec(path)
    if (fn) {
      await callFunction(req, res, fn[1])
      return true
    }
    if (path.startsWith('/api/')) {
      sendJson(res, 404, fail('UNKNOWN_ACTION'))
      return true
    }
    if (opts.devLogin && path.startsWith('/dev/') && (await devLogin(req, res, path))) return true
    // /dev/* never falls back to the app: without devLogin, sign-in simply does not exist.
    if (path.startsWith('/dev/') || path === '/dev') return false
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    await serveStatic(req, res, path)
    return true
  }
}
