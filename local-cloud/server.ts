import { randomUUID, timingSafeEqual } from 'crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { DatabaseEngine } from './db'
import { tcbError, type createOpenApi } from './openapi'
import type { Runner } from './runner'
import type { Storage } from './storage'

/** A route answers and returns true, or returns false to let the next one try. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>

const ADMIN_LIMIT = 20 * 1024 * 1024
const UPLOAD_LIMIT = 50 * 1024 * 1024
/** Past this, an oversized body is cut off instead of drained. */
const DRAIN_LIMIT = 16 * 1024 * 1024

/** Reads a request body; past `limit` the rest is drained unread so the client still gets the answer. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > limit + DRAIN_LIMIT) req.destroy()
    })
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
    req.on('close', () => size > limit && resolve('too-large'))
  })
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | string[]> = {}): void {
  const body = Buffer.from(JSON.stringify(value))
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...headers })
  res.end(body)
}

export function sendBytes(res: ServerResponse, status: number, contentType: string, body: Buffer | string, headers: Record<string, string | string[]> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length, ...headers })
  res.end(bytes)
}

/** Splits a multipart/form-data body (what node-sdk sends for wx.openApi) into its named parts. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const parts: Record<string, Buffer> = {}
  if (!boundary) return parts
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length + 2, next - 2) // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n')
    const name = headerEnd === -1 ? null : /name="([^"]*)"/.exec(part.subarray(0, headerEnd).toString('utf8'))
    if (name && headerEnd !== -1) parts[name[1]] = part.subarray(headerEnd + 4)
    start = next
  }
  return parts
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface AdminDeps {
  /** made at each start; the SDK endpoint is POST /admin/<key> (see index.ts: handed over through TCB_CONTEXT_CNFG) */
  adminKey: string
  db: DatabaseEngine
  storage: Storage
  runner: Runner
  openapi: ReturnType<typeof createOpenApi>
  /** sees every admin request (action + decoded body), e.g. for a wire-format contract test */
  onAdminRequest?: (action: string, body: Record<string, unknown>) => void
  /** counts each SDK request /admin serves (one per HTTP request: a transaction's calls count one each) */
  onServed?: () => void
}

/**
 * Why a request to the admin endpoint is refused, or null to serve it. The endpoint can read and write
 * everything, so only the SDK may reach it: the SDK sends JSON (multipart for wx.openApi) to the URL it
 * was given, key included, and never an Origin or Sec-Fetch-Site header; a browser page (any site, even
 * this one) always sends those with a POST, and its cross-site "simple" requests are text/plain, form or
 * multipart. (Node's own fetch sends Sec-Fetch-Mode but neither of these, so tools may use it.)
 */
export function adminRefusal(req: IncomingMessage, givenKey: string, adminKey: string): string | null {
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined)
    return 'browser requests are refused'
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json' && type !== 'multipart/form-data') return 'only JSON (or multipart for wx.openApi) is accepted'
  const given = Buffer.from(givenKey)
  const expected = Buffer.from(adminKey)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong or missing admin key (use the URL the local cloud printed)'
  return null
}

/**
 * POST /admin/<key> (the SDK's endpoint), PUT /upload/<token> and GET /files/<token> (storage's second legs).
 * /admin answers every served call with HTTP 200 (node-sdk throws on any other status); errors are `{code, message}`.
 * A refused call (see adminRefusal) gets 403 and is not read.
 */
export function adminRoute(deps: AdminDeps): Route {
  async function invokeFunction(body: Record<string, unknown>) {
    const requestId = randomUUID()
    const name = typeof body.function_name === 'string' ? body.function_name : ''
    if (!deps.runner.has(name)) return { code: 'FUNCTIONS_REQUEST_FAIL', message: `[ResourceNotFound.Function] 云函数不存在：${name}`, requestId }
    // The callee runs as the caller's user, with `scf` appended to SOURCE (see WIRE.md). Outside any function: no user.
    const caller = deps.runner.callerOf(body.wxCloudApiToken)
    const callee = caller ? { ...caller, source: `${caller.source},scf` } : { openid: '', appid: '', source: 'scf' }
    try {
      const data = typeof body.request_data === 'string' && body.request_data ? JSON.parse(body.request_data) : {}
      const result = await deps.runner.run(name, data, callee)
      return { requestId, data: { response_data: JSON.stringify(result) } }
    } catch (err) {
      return { code: 'FUNCTIONS_EXECUTE_FAIL', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err), requestId }
    }
  }

  async function admin(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req, ADMIN_LIMIT)
    if (raw === 'too-large') return sendJson(res, 200, { code: 'INVALID_PARAM', message: '[local-cloud] request too large' })
    const contentType = req.headers['content-type'] ?? ''
    let body: Record<string, unknown>
    if (contentType.startsWith('multipart/form-data')) {
      const parts = parseMultipart(raw, contentType)
      body = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, k === 'requestData' ? v : v.toString('utf8')]))
    } else {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'))
        body = isRecord(parsed) ? parsed : {}
      } catch {
        return sendJson(res, 200, { code: 'INVALID_PARAM', message: '[local-cloud] body is not JSON' })
      }
    }
    const action = typeof body.action === 'string' ? body.action : ''
    deps.onServed?.()
    deps.onAdminRequest?.(action, body)
    if (deps.runner.outlived(body.wxCloudApiToken)) {
      // In CloudBase the function would have been ended at its limit: nothing it asks for afterwards happens.
      return sendJson(res, 200, { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: '[local-cloud] 云函数已超过执行时间限制，此后的请求不再执行', requestId: randomUUID() })
    }
    if (action === 'wx.openApi') {
      const requestData = Buffer.isBuffer(body.requestData) ? body.requestData : undefined
      const reply = typeof body.apiName === 'string' ? deps.openapi.call(body.apiName, requestData) : tcbError('INVALID_PARAM', '[local-cloud] apiName missing')
      return sendBytes(res, 200, reply.contentType, reply.body)
    }
    try {
      if (action.startsWith('database.')) return sendJson(res, 200, await deps.db.handle(action, body))
      if (action.startsWith('storage.')) return sendJson(res, 200, await deps.storage.handle(action, body))
      if (action === 'functions.invokeFunction') return sendJson(res, 200, await invokeFunction(body))
      sendJson(res, 200, { code: 'INVALID_PARAM', message: `[local-cloud] 本地云未模拟 ${action || '(no action)'}`, requestId: randomUUID() })
    } catch (err) {
      console.error(`[local-cloud] ${action} failed`, err)
      sendJson(res, 200, { code: 'SYS_ERR', message: `[local-cloud] ${action}: ${err instanceof Error ? err.message : String(err)}`, requestId: randomUUID() })
    }
  }

  return async (req, res, url) => {
    const adminPath = /^\/admin(?:\/([^/]*))?$/.exec(url.pathname)
    if (adminPath && req.method === 'POST') {
      const refused = adminRefusal(req, adminPath[1] ?? '', deps.adminKey)
      if (refused) {
        req.resume()
        sendJson(res, 403, { code: 'PERMISSION_DENIED', message: `[local-cloud] /admin: ${refused}` }, { connection: 'close' })
      } else await admin(req, res)
      return true
    }
    const upload = /^\/upload\/([^/]+)$/.exec(url.pathname)
    if (upload && req.method === 'PUT') {
      const raw = await readBody(req, UPLOAD_LIMIT)
      if (raw === 'too-large') sendBytes(res, 413, 'text/plain; charset=utf-8', 'too large')
      else {
        const answer = await deps.storage.put(upload[1], raw)
        sendBytes(res, answer.status, 'application/xml', answer.body)
      }
      return true
    }
    const file = /^\/files\/([^/]+)$/.exec(url.pathname)
    if (file && (req.method === 'GET' || req.method === 'HEAD')) {
      const found = await deps.storage.read(file[1])
      if (found) sendBytes(res, 200, found.contentType, found.bytes, { 'cache-control': 'private, max-age=60' })
      else sendBytes(res, 404, 'text/plain; charset=utf-8', '文件不存在或链接已过期')
      return true
    }
    return false
  }
}

/** Listens on 127.0.0.1 only. Routes are tried in order; nothing matching → 404. */
export async function listen(port: number, routes: () => Route[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    void (async () => {
      for (const route of routes()) if (await route(req, res, url)) return
      sendBytes(res, 404, 'text/plain; charset=utf-8', '页面不存在')
    })().catch((err: unknown) => {
      console.error('[local-cloud] request failed', err)
      if (!res.headersSent) sendBytes(res, 500, 'text/plain; charset=utf-8', '本地云出错了')
      else res.destroy()
    })
  })
  // node-sdk keeps idle sockets 4.8 s and Node closes them after 5 s: on a busy machine the SDK's timer fires
  // late, it reuses a socket the server is closing, and the call fails with "read ECONNRESET". The server
  // keeps them longer than any client, so the client always closes first.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  return { server, port: address.port }
}
