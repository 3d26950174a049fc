import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { request, type IncomingHttpHeaders } from 'http'
import { brotliDecompressSync, gunzipSync } from 'zlib'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { envelopeOf } from '../../shared/contract'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'

/** The H5 client's way in: POST /api/fn/<name> as the signed-in persona, dev sign-in, and the static app. */
const FIXTURES = join(__dirname, '../fixtures/functions')
const Envelope = envelopeOf(z.unknown())

const staticDir = mkdtempSync(join(tmpdir(), 'local-cloud-h5-'))
mkdirSync(join(staticDir, 'js'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>工会通</title><div id="app"></div>')
writeFileSync(join(staticDir, 'js', 'app.js'), 'console.log("app")')
// a content-hashed bundle as Taro's H5 build names them, big enough to be worth compressing
const bundle = Array.from({ length: 400 }, (_, i) => `export const label${i} = "工会活动报名第${i}项";`).join('\n')
writeFileSync(join(staticDir, 'js', 'app.1a2b3c4d.js'), bundle)
writeFileSync(join(tmpdir(), 'local-cloud-outside.txt'), 'outside')

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURES, devLogin: true, staticDir })
})
afterAll(async () => {
  await cloud.cleanup()
  rmSync(staticDir, { recursive: true, force: true })
})

async function signIn(openid: string): Promise<string> {
  const res = await fetch(`${cloud.url}/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ openid }).toString(),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  expect(res.headers.get('location')).toBe('/')
  const setCookie = res.headers.get('set-cookie') ?? ''
  expect(setCookie).toContain('HttpOnly')
  return setCookie.split(';')[0]
}

const callFn = (name: string, body: string, cookie?: string) =>
  fetch(`${cloud.url}/api/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body })

describe('dev sign-in', () => {
  it('lists the four demo personas in Chinese', async () => {
    const res = await fetch(`${cloud.url}/dev/login`)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const name of ['王芳', '李强', '张建国', '陈静']) expect(html).toContain(name)
    expect(html).toContain('选择演示身份')
  })

  it('runs functions as the persona the cookie names', async () => {
    const cookie = await signIn('demo-chair')
    const res = await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), cookie)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, data: { openid: 'demo-chair' } })
    expect(await (await fetch(`${cloud.url}/dev/me`, { headers: { cookie } })).json()).toMatchObject({ openid: 'demo-chair', name: '张建国' })
  })

  it('keeps two signed-in browsers apart', async () => {
    const [worker, staff] = await Promise.all([signIn('demo-worker'), signIn('demo-staff')])
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), i % 2 ? staff : worker).then((r) => r.json())),
    )
    answers.forEach((a, i) => expect(a).toEqual({ ok: true, data: { openid: i % 2 ? 'demo-staff' : 'demo-worker' } }))
  })

  it('refuses an openid that is not a demo persona', async () => {
    const res = await fetch(`${cloud.url}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'openid=someone-else',
      redirect: 'manual',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('signs in 新用户 as a fresh openid each time, never a demo persona', async () => {
    const newPerson = async () => {
      const res = await fetch(`${cloud.url}/dev/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'new=1', redirect: 'manual' })
      expect(res.status).toBe(303)
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
      const answer = await (await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), cookie)).json()
      return z.object({ ok: z.literal(true), data: z.object({ openid: z.string() }) }).parse(answer).data.openid
    }
    const [a, b] = [await newPerson(), await newPerson()]
    expect(a).toMatch(/^dev-new-[0-9a-f]{16}$/)
    expect(b).toMatch(/^dev-new-[0-9a-f]{16}$/)
    expect(a).not.toBe(b)
    expect(await (await fetch(`${cloud.url}/dev/login`)).text()).toContain('新用户')
  })

  it('signs out', async () => {
    const res = await fetch(`${cloud.url}/dev/logout`, { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0')
  })
})

describe('POST /api/fn/<name>', () => {
  it('lets the function answer UNAUTHENTICATED when nobody is signed in', async () => {
    const res = await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }))
    expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('ignores a forged session cookie', async () => {
    const res = await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), 'lc_session=eyJraW5kIjoic2Vzc2lvbiIsIm9wZW5pZCI6ImRlbW8tY2hhaXIifQ.forged')
    expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('answers malformed JSON with 400 INVALID_INPUT in Chinese', async () => {
    const res = await callFn('guarded', '{"action": "whoami", ')
    expect(res.status).toBe(400)
    const body = Envelope.parse(await res.json())
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(body.ok ? '' : body.error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('answers an unknown function with 404 UNKNOWN_ACTION', async () => {
    for (const name of ['no-such-fn', '..%2F..%2Fetc']) {
      const res = await callFn(name, JSON.stringify({ action: 'whoami' }))
      expect(res.status).toBe(404)
      expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
    }
  })

  it('refuses a body over 100 KB with 413 and runs nothing', async () => {
    const cookie = await signIn('demo-migrant')
    const before = cloud.db.stats().users ?? 0
    const res = await callFn('guarded', JSON.stringify({ action: 'touch', input: { note: 'x'.repeat(101 * 1024) } }), cookie)
    expect(res.status).toBe(413)
    expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(cloud.db.stats().users ?? 0).toBe(before)
    // the same call within the limit does write
    const small = await callFn('guarded', JSON.stringify({ action: 'touch', input: { note: '李强' } }), cookie)
    expect(await small.json()).toEqual({ ok: true, data: { written: true } })
    expect(cloud.db.stats().users).toBe(before + 1)
  })
})

describe('static H5 app', () => {
  it('serves the build with a fallback to index.html for client routes', async () => {
    expect(await (await fetch(`${cloud.url}/`)).text()).toContain('工会通')
    const js = await fetch(`${cloud.url}/js/app.js`)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect(await (await fetch(`${cloud.url}/packages/events/detail?id=1`)).text()).toContain('工会通')
  })

  it('never serves files outside the build', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: cloud.port, path: '/..%2Flocal-cloud-outside.txt' }, (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString()))
        res.on('end', () => resolve(text))
      })
      req.on('error', reject)
      req.end()
    })
    expect(body).not.toContain('outside')
    expect(body).toContain('工会通')
  })

  /** The raw answer, bytes as sent over the wire (fetch would decompress them). */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: cloud.port, path, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      req.on('error', reject)
      req.end()
    })

  it('compresses with brotli or gzip as the browser accepts, and sends plain bytes to one that takes neither (issue 13)', async () => {
    const br = await raw('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('accept-encoding')
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(bundle)
    expect(br.body.length).toBeLessThan(Buffer.byteLength(bundle) / 3)
    const gz = await raw('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString('utf8')).toBe(bundle)
    const plain = await raw('/js/app.1a2b3c4d.js', { 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString('utf8')).toBe(bundle)
  })

  it('lets the browser keep content-hashed files for good, and asks again for index.html', async () => {
    expect((await raw('/js/app.1a2b3c4d.js', {})).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await raw('/', {})).headers['cache-control']).toBe('no-cache')
    expect((await raw('/packages/events/detail', {})).headers['cache-control']).toBe('no-cache')
    // a file without a content hash may change under the same name
    expect((await raw('/js/app.js', {})).headers['cache-control']).not.toContain('immutable')
  })

  it('listens on the loopback interface only', () => {
    expect(cloud.url).toBe(`http://127.0.0.1:${cloud.port}`)
  })
})

describe('without devLogin', () => {
  it('has no sign-in: /dev/login is not found and sets no cookie', async () => {
    const plain = await startTestCloud({ functionsDir: FIXTURES, staticDir })
    try {
      const page = await fetch(`${plain.url}/dev/login`)
      expect(page.status).toBe(404)
      expect(await page.text()).not.toContain('王芳')
      const post = await fetch(`${plain.url}/dev/login`, { method: 'POST', body: 'openid=demo-chair', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
      expect(post.status).toBe(404)
      expect(post.headers.get('set-cookie')).toBeNull()
      const res = await fetch(`${plain.url}/api/fn/guarded`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'whoami', input: {} }) })
      expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    } finally {
      await plain.cleanup()
    }
  })

  it('does not serve the captured messages to anyone (issue 9)', async () => {
    const plain = await startTestCloud({ functionsDir: FIXTURES, staticDir })
    try {
      for (const path of ['/dev/outbox', '/dev/outbox.html']) {
        const res = await fetch(`${plain.url}${path}`)
        expect(res.status).toBe(404)
        expect(await res.text()).not.toContain('订阅消息')
      }
    } finally {
      await plain.cleanup()
    }
  })
})

describe('doors (issue 9)', () => {
  const timer = JSON.stringify({ Type: 'Timer', TriggerName: 'nightly' })
  const timerRan = async () => (await cloud.db.handle('database.getDocument', { collectionName: 'users', query: '{"_id":"timer-ran"}', queryType: 'DOC' })) as { data: { list: unknown[] } }

  it('never runs a timer from a gateway call, with or without a session; only the trigger runs it', async () => {
    const cookie = await signIn('demo-worker')
    for (const res of [await callFn('guarded', timer), await callFn('guarded', timer, cookie)]) {
      expect(Envelope.parse(await res.json())).toMatchObject({ ok: false })
    }
    // nor from a phone's call through the runtime, nor another function calling with a timer-shaped event
    expect(Envelope.parse(await cloud.invoke('guarded', JSON.parse(timer), { openid: '' }))).toMatchObject({ ok: false })
    expect((await timerRan()).data.list).toHaveLength(0)
    expect(await cloud.invokeTimer('guarded', 'nightly')).toEqual({ ok: true, data: { ran: true } })
    expect((await timerRan()).data.list).toHaveLength(1)
  })

  it('serves /dev/outbox only to a signed-in session', async () => {
    expect((await fetch(`${cloud.url}/dev/outbox`)).status).toBe(401)
    const page = await fetch(`${cloud.url}/dev/outbox.html`, { redirect: 'manual' })
    expect([page.status, page.headers.get('location')]).toEqual([303, '/dev/login'])
    const cookie = await signIn('demo-chair')
    expect((await fetch(`${cloud.url}/dev/outbox`, { headers: { cookie } })).status).toBe(200)
  })

  it('ends a session on sign-out: a kept copy of the cookie no longer works', async () => {
    const cookie = await signIn('demo-chair')
    expect(await (await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), cookie)).json()).toEqual({ ok: true, data: { openid: 'demo-chair' } })
    await fetch(`${cloud.url}/dev/logout`, { headers: { cookie }, redirect: 'manual' })
    const after = await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), cookie)
    expect(Envelope.parse(await after.json())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await (await fetch(`${cloud.url}/dev/me`, { headers: { cookie } })).json()).toEqual({ openid: null })
    expect((await fetch(`${cloud.url}/dev/outbox`, { headers: { cookie } })).status).toBe(401)
  })

  it('expires a session after a working day', async () => {
    let now = Date.now()
    const timed = await startTestCloud({ functionsDir: FIXTURES, devLogin: true, clock: () => now })
    try {
      const login = await fetch(`${timed.url}/dev/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'openid=demo-worker', redirect: 'manual' })
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
      const whoami = () => fetch(`${timed.url}/api/fn/guarded`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"action":"whoami","input":{}}' }).then((r) => r.json())
      now += 11 * 3600_000
      expect(await whoami()).toEqual({ ok: true, data: { openid: 'demo-worker' } })
      now += 2 * 3600_000
      expect(Envelope.parse(await whoami())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    } finally {
      await timed.cleanup()
    }
  })

  it('answers a malformed cookie with UNAUTHENTICATED, not a server error', async () => {
    for (const cookie of ['lc_session=%E0%A4%A', 'lc_session=%', 'lc_session=a.b.c', 'lc_session']) {
      const res = await callFn('guarded', JSON.stringify({ action: 'whoami', input: {} }), cookie)
      expect(res.status).toBe(200)
      expect(Envelope.parse(await res.json())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
  })

  it('accepts only JSON bodies at /api/fn: text, form and multipart are refused and nothing runs', async () => {
    const cookie = await signIn('demo-staff')
    const body = JSON.stringify({ action: 'touch', input: { note: '不该写入' } })
    const before = cloud.db.stats().users ?? 0
    const form = new FormData()
    form.set('action', 'touch')
    for (const [type, sent] of [
      ['text/plain;charset=UTF-8', body],
      ['application/x-www-form-urlencoded', body],
      [undefined, form],
    ] as const) {
      const res = await fetch(`${cloud.url}/api/fn/guarded`, { method: 'POST', headers: { cookie, ...(type ? { 'content-type': type } : {}) }, body: sent })
      expect(res.status).toBe(415)
      const answer = Envelope.parse(await res.json())
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(answer.ok ? '' : answer.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(cloud.db.stats().users ?? 0).toBe(before)
  })
})
