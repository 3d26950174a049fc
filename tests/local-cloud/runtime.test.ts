import { spawn } from 'child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { z } from 'zod'
import { MAX_RUNNING } from '../../local-cloud/runner'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'

/**
 * The local cloud's runtime through the real, unmodified wx-server-sdk: identity per invocation,
 * function → function calls, timers, time limits, storage and openapi capture.
 */
const FIXTURES = join(__dirname, '../fixtures/functions')

const WXContext = z.object({ OPENID: z.union([z.string(), z.number()]).optional(), APPID: z.string().optional(), ENV: z.string(), SOURCE: z.string() })
const EchoResult = z.object({
  before: WXContext,
  after: WXContext,
  event: z.record(z.string(), z.unknown()),
  called: z.unknown().optional(),
  at: z.string(),
})
const FileList = z.object({ fileList: z.array(z.object({ fileID: z.string(), status: z.number(), tempFileURL: z.string().optional() })) })
const OpenApiAnswer = z.union([
  z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), errCode: z.number(), errMsg: z.string() }),
])

let now = Date.now()
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURES, clock: () => now, devLogin: true })
})
afterAll(() => cloud.cleanup())

describe('identity', () => {
  it('gives each of 50 concurrent invocations its own OPENID, before and after awaiting', async () => {
    const openids = Array.from({ length: 50 }, (_, i) => `user-${i}`)
    const results = await Promise.all(
      openids.map((openid, i) => cloud.invoke('echo', { pauseMs: (i * 7) % 23 }, { openid, appid: `wx-app-${i}` })),
    )
    results.forEach((raw, i) => {
      const r = EchoResult.parse(raw)
      expect(r.before.OPENID).toBe(openids[i])
      expect(r.after.OPENID).toBe(openids[i])
      expect(r.after.APPID).toBe(`wx-app-${i}`)
      expect(r.after.SOURCE).toBe('wx_client')
      expect(r.after.ENV).toBe('local-dev')
    })
  })

  it('still isolates identities after some code replaces process.env with a copy', async () => {
    const saved = process.env
    process.env = { ...process.env }
    try {
      const results = await Promise.all(['x', 'y', 'z'].map((openid, i) => cloud.invoke('echo', { pauseMs: 5 - i }, { openid })))
      expect(results.map((r) => EchoResult.parse(r).after.OPENID)).toEqual(['x', 'y', 'z'])
    } finally {
      process.env = saved
    }
  })

  it('leaves the process environment outside invocations untouched', async () => {
    await cloud.invoke('echo', {}, { openid: 'someone' })
    expect(process.env.WX_OPENID).toBeUndefined()
    expect(process.env.TCB_CONTEXT_CNFG).toBe(JSON.stringify({ URL: cloud.adminUrl }))
  })

  it('injects userInfo into the event like WeChat does for a phone call', async () => {
    const r = EchoResult.parse(await cloud.invoke('echo', { hello: 1 }, { openid: 'demo-worker' }))
    expect(r.event).toEqual({ hello: 1, userInfo: { appId: 'wx0000000000000000', openId: 'demo-worker' } })
  })

  it('answers the function result as JSON, the way it reaches a phone (Dates become strings)', async () => {
    const r = EchoResult.parse(await cloud.invoke('echo', {}, { openid: 'a' }))
    expect(r.at).toBe('1970-01-01T00:00:00.000Z')
  })
})

describe('function → function', () => {
  it('runs the callee as the same user, with scf appended to SOURCE, without userInfo', async () => {
    const r = EchoResult.parse(await cloud.invoke('echo', { callNext: 'echo', tag: 'inner' }, { openid: 'demo-chair' }))
    const callee = EchoResult.parse(r.called)
    expect(callee.after.OPENID).toBe('demo-chair')
    expect(callee.after.SOURCE).toBe('wx_client,scf')
    expect(callee.event).toEqual({ tag: 'inner' })
  })

  it('keeps identities apart when many callers chain calls at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cloud.invoke('echo', { callNext: 'echo', pauseMs: i % 5 }, { openid: `chain-${i}` })),
    )
    results.forEach((raw, i) => expect(EchoResult.parse(EchoResult.parse(raw).called).after.OPENID).toBe(`chain-${i}`))
  })

  it('fails the caller clearly when the callee does not exist', async () => {
    await expect(cloud.invoke('echo', { callNext: 'no-such-function' }, { openid: 'a' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('云函数不存在：no-such-function'),
    })
  })
})

describe('runner', () => {
  it('fires a timer trigger with the Timer event and no caller identity', async () => {
    const r = EchoResult.parse(await cloud.invokeTimer('echo', 'nightly'))
    expect(r.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' })
    expect(r.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(r.after.OPENID).toBe('')
    expect(r.after.SOURCE).toBe('wx_trigger')
  })

  it('passes a thrown error to the caller', async () => {
    await expect(cloud.invoke('slow', { throw: true }, { openid: 'a' })).rejects.toThrow('故意出错')
  })

  it('rejects an unknown function', async () => {
    await expect(cloud.invoke('nope', {}, { openid: 'a' })).rejects.toThrow('云函数不存在：nope')
  })

  it('runs each function under the timeout its config.json declares (issue 13)', async () => {
    // tests/fixtures/functions/slow/config.json declares 1 s
    await expect(cloud.invoke('slow', {}, { openid: 'a' })).rejects.toThrow('执行超时（1 秒）')
  })

  it('lets a test override every limit for a while, then goes back to each config.json (setFunctionTimeoutMs)', async () => {
    cloud.setFunctionTimeoutMs(100)
    try {
      // echo declares 10 s: under the override a 2 s pause is past the limit
      await expect(cloud.invoke('echo', { pauseMs: 2000 }, { openid: 'a' })).rejects.toThrow('执行超时（0.1 秒）')
    } finally {
      cloud.setFunctionTimeoutMs(undefined)
    }
    await expect(cloud.invoke('slow', {}, { openid: 'a' })).rejects.toThrow('执行超时（1 秒）')
  })

  it('declares a timeout for every deployable function: user-facing ones at most 20 s', () => {
    const dir = join(__dirname, '../../cloudfunctions')
    const declared = Object.fromEntries(
      readdirSync(dir)
        .filter((fn) => existsSync(join(dir, fn, 'config.json')))
        .map((fn) => [fn, z.object({ timeout: z.number().int().min(1).max(20) }).safeParse(JSON.parse(readFileSync(join(dir, fn, 'config.json'), 'utf8'))).success]),
    )
    expect(Object.keys(declared).length).toBeGreaterThanOrEqual(7)
    expect(Object.entries(declared).filter(([, ok]) => !ok)).toEqual([])
  })

  it('refuses the SDK requests of an invocation past its limit, even after the process environment lost the SDK settings', async () => {
    const answer = cloud.invoke('slow', { lateWriteAfterMs: 1500 }, { openid: 'a' })
    await expect(answer).rejects.toThrow('执行超时（1 秒）')
    // what a later suite or another cloud may do to the shared environment while the function still runs
    const saved = { id: process.env.TENCENTCLOUD_SECRETID, key: process.env.TENCENTCLOUD_SECRETKEY }
    delete process.env.TENCENTCLOUD_SECRETID
    delete process.env.TENCENTCLOUD_SECRETKEY
    try {
      const late = z.object({ wrote: z.boolean(), message: z.string().optional() }).parse(await require(join(FIXTURES, 'slow/index.js')).late)
      expect(late.message ?? '').not.toContain('missing secretId')
      expect(late).toMatchObject({ wrote: false, message: expect.stringContaining('超过执行时间限制') })
    } finally {
      process.env.TENCENTCLOUD_SECRETID = saved.id
      process.env.TENCENTCLOUD_SECRETKEY = saved.key
    }
    expect(await cloud.db.handle('database.getDocument', { collectionName: 'users', query: '{"_id":"late-write"}', queryType: 'DOC' })).toMatchObject({ data: { list: [] } })
  })

  it(`runs at most ${MAX_RUNNING} phone calls at once; the rest take their turn in arrival order (issue 13)`, async () => {
    // the first wave pauses longest: run all at once, the later (shorter) calls would finish first
    const n = MAX_RUNNING * 2
    const finished: number[] = []
    await Promise.all(
      Array.from({ length: n }, (_, i) => cloud.invoke('echo', { pauseMs: 200 + (n - 1 - i) * 5 }, { openid: `turn-${i}` }).then(() => finished.push(i))),
    )
    const firstWave = finished.slice(0, MAX_RUNNING).sort((a, b) => a - b)
    expect(firstWave).toEqual(Array.from({ length: MAX_RUNNING }, (_, i) => i))
  })

  it('starts no function once the cloud has stopped, so code left running by a finished test cannot reach into the next suite', async () => {
    const stopped = await startTestCloud({ functionsDir: FIXTURES })
    await stopped.cleanup()
    await expect(stopped.invoke('guarded', { action: 'whoami' }, { openid: 'a' })).rejects.toThrow('本地云已停止')
    await expect(stopped.invokeTimer('guarded', 'nightly')).rejects.toThrow('本地云已停止')
  })

  it('ends an invocation that outlives its time limit with an error', async () => {
    const quick = await startTestCloud({ functionsDir: FIXTURES, functionTimeoutMs: 100 })
    try {
      await expect(quick.invoke('slow', {}, { openid: 'a' })).rejects.toThrow('执行超时')
    } finally {
      await quick.cleanup()
    }
  })
})

describe('storage', () => {
  const upload = async (cloudPath: string, text: string) =>
    z.object({ fileID: z.string() }).parse(await cloud.invoke('files', { op: 'upload', cloudPath, text }, { openid: 'a' })).fileID
  const urls = async (fileIDs: string[]) => FileList.parse(await cloud.invoke('files', { op: 'url', fileIDs }, { openid: 'a' })).fileList

  it('uploads, hands out a temp URL that serves the bytes, and deletes', async () => {
    const fileID = await upload('aid/证明.txt', '困难职工证明')
    expect(fileID).toBe('cloud://local-dev.6c6f-local-dev-1300000000/aid/证明.txt')

    const [entry] = await urls([fileID])
    expect(entry.status).toBe(0)
    const res = await fetch(entry.tempFileURL ?? '')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    expect(await res.text()).toBe('困难职工证明')

    const downloaded = await cloud.invoke('files', { op: 'download', fileID }, { openid: 'a' })
    expect(downloaded).toEqual({ text: '困难职工证明' })

    const deleted = FileList.parse(await cloud.invoke('files', { op: 'delete', fileIDs: [fileID, fileID] }, { openid: 'a' })).fileList
    expect(deleted.map((f) => f.status)).toEqual([0, -503003])
    expect((await urls([fileID]))[0].status).toBe(-503003)
    expect((await fetch(entry.tempFileURL ?? '')).status).toBe(404)
  })

  it('refuses a temp URL whose signature was tampered with', async () => {
    const fileID = await upload('x/a.txt', 'secret')
    const [entry] = await urls([fileID])
    const url = entry.tempFileURL ?? ''
    const forged = url.slice(0, -3) + (url.endsWith('AAA') ? 'BBB' : 'AAA')
    expect((await fetch(forged)).status).toBe(404)
    // a token for another path, re-signed by guesswork, is equally refused
    const [body] = url.split('/files/')[1].split('.')
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), path: 'y/b.txt' })).toString('base64url')
    expect((await fetch(`${cloud.url}/files/${other}.${url.split('.').pop()}`)).status).toBe(404)
  })

  it('expires temp URLs after ten minutes', async () => {
    const fileID = await upload('x/expiring.txt', 'soon gone')
    const [entry] = await urls([fileID])
    now += 599_000
    expect((await fetch(entry.tempFileURL ?? '')).status).toBe(200)
    now += 2_000
    expect((await fetch(entry.tempFileURL ?? '')).status).toBe(404)
  })

  it('refuses a cloud path that climbs out of storage', async () => {
    await expect(upload('../outside.txt', 'x')).rejects.toMatchObject({ errMsg: expect.stringContaining('无效的云存储路径') })
  })
})

describe('openapi', () => {
  const send = async (message: Record<string, unknown>) =>
    OpenApiAnswer.parse(await cloud.invoke('notify', { op: 'send', message }, { openid: 'demo-chair' }))
  const message = { touser: 'demo-worker', page: 'packages/membership/status', data: { thing1: { value: '入会申请已通过' } } }

  beforeEach(() => {
    cloud.outbox.clear()
    cloud.outbox.setMode('ok')
  })

  it('captures subscribeMessage.send with camelCase keys', async () => {
    expect(await send({ ...message, templateId: 'TPL-camel', miniprogramState: 'developer' })).toMatchObject({ ok: true })
    expect(cloud.outbox.list()).toEqual([
      { templateId: 'TPL-camel', touser: 'demo-worker', page: message.page, data: message.data, miniprogramState: 'developer', at: expect.any(Date) },
    ])
  })

  it('captures subscribeMessage.send with snake_case keys', async () => {
    expect(await send({ ...message, template_id: 'TPL-snake', miniprogram_state: 'trial' })).toMatchObject({ ok: true })
    expect(cloud.outbox.list()).toMatchObject([{ templateId: 'TPL-snake', miniprogramState: 'trial' }])
  })

  it('answers 43101 (no subscription balance) and records nothing when switched to 43101', async () => {
    cloud.outbox.setMode('43101')
    expect(await send({ ...message, templateId: 'T' })).toMatchObject({ ok: false, errCode: 43101 })
    expect(cloud.outbox.list()).toEqual([])
  })

  it('answers a generic failure when switched to fail', async () => {
    cloud.outbox.setMode('fail')
    expect(await send({ ...message, templateId: 'T' })).toMatchObject({ ok: false, errCode: -1 })
    expect(cloud.outbox.list()).toEqual([])
  })

  it('rejects a message without a template', async () => {
    expect(await send(message)).toMatchObject({ ok: false, errCode: 40037 })
  })

  it('shows the outbox as JSON and as a page', async () => {
    await send({ ...message, templateId: 'TPL-page' })
    const login = await fetch(`${cloud.url}/dev/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'openid=demo-chair', redirect: 'manual' })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const json = z.array(z.object({ templateId: z.string(), touser: z.string() })).parse(await (await fetch(`${cloud.url}/dev/outbox`, { headers: { cookie } })).json())
    expect(json).toMatchObject([{ templateId: 'TPL-page', touser: 'demo-worker' }])
    const html = await (await fetch(`${cloud.url}/dev/outbox.html`, { headers: { cookie } })).text()
    expect(html).toContain('TPL-page')
    expect(html).toContain('入会申请已通过')
  })

  it('turns a demo code into a fixed phone number and refuses other codes', async () => {
    const good = OpenApiAnswer.parse(await cloud.invoke('notify', { op: 'phone', code: 'demo-13800000000' }, { openid: 'a' }))
    expect(good).toMatchObject({ ok: true, result: { phoneInfo: { phoneNumber: '13800000000', purePhoneNumber: '13800000000', countryCode: '86' } } })
    const bad = OpenApiAnswer.parse(await cloud.invoke('notify', { op: 'phone', code: 'real-wechat-code' }, { openid: 'a' }))
    expect(bad).toMatchObject({ ok: false, errCode: 40029 })
  })

  it('fails loudly on an openapi it does not emulate', async () => {
    const r = OpenApiAnswer.parse(await cloud.invoke('notify', { op: 'other' }, { openid: 'a' }))
    expect(r).toMatchObject({ ok: false, errMsg: expect.stringContaining('本地云未模拟 openapi.wxacode.getUnlimited') })
  })
})

describe('database wiring', () => {
  it('lets a function built on the project router write and read through the real engine', async () => {
    expect(await cloud.callAs('demo-worker', 'guarded', 'touch', { note: '王芳' })).toEqual({ ok: true, data: { written: true } })
    expect(await cloud.callAs('demo-chair', 'guarded', 'readUser', { openid: 'demo-worker' })).toEqual({ ok: true, data: { nickName: '王芳' } })
  })

  it('counts each SDK request /admin serves, so a bench can count one action\'s round trips', async () => {
    const before = cloud.adminRequests()
    await cloud.callAs('demo-worker', 'guarded', 'touch', { note: '计数' })
    const afterWrite = cloud.adminRequests()
    await cloud.invoke('echo', { callNext: 'echo' }, { openid: 'a' })
    // touch: the router reads the caller's roles, then the handler writes one document; echo → echo: one invokeFunction.
    expect([afterWrite - before, cloud.adminRequests() - afterWrite]).toEqual([2, 1])
    // A call with no SDK request does not move it.
    await cloud.invoke('echo', {}, { openid: 'a' })
    expect(cloud.adminRequests()).toBe(afterWrite + 1)
    await cloud.callAs('', 'guarded', 'touch', { note: '没人' })
    expect(cloud.adminRequests()).toBe(afterWrite + 1)
  })

  it('loads the demo personas when seeded', async () => {
    const seeded = await startTestCloud({ functionsDir: FIXTURES, seed: true })
    try {
      expect(await seeded.callAs('demo-staff', 'guarded', 'readUser', { openid: 'demo-chair' })).toEqual({ ok: true, data: { nickName: '张建国' } })
      expect(seeded.db.stats().users).toBeGreaterThanOrEqual(4)
    } finally {
      await seeded.cleanup()
    }
  })
})

describe('the admin endpoint (issue 9)', () => {
  const read = JSON.stringify({ action: 'database.getDocument', envName: 'local-dev', collectionName: 'users', queryType: 'WHERE', limit: 100 })
  const post = (url: string, headers: Record<string, string>, body = read) => fetch(url, { method: 'POST', headers, body })

  it('refuses a plain POST that does not carry the key made at start, and reads nothing', async () => {
    await cloud.callAs('demo-worker', 'guarded', 'touch', { note: '王芳' })
    const before = cloud.adminRequests()
    for (const url of [`${cloud.url}/admin`, `${cloud.url}/admin/`, `${cloud.url}/admin/${'0'.repeat(48)}`]) {
      const res = await post(url, { 'content-type': 'application/json' })
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain('王芳')
    }
    expect(cloud.adminRequests()).toBe(before)
    // the key is a fresh secret, not something derived from the port or the data directory
    expect(cloud.adminUrl).toMatch(/\/admin\/[0-9a-f]{48}$/)
    const served = await post(cloud.adminUrl, { 'content-type': 'application/json' })
    expect(served.status).toBe(200)
    expect(await served.text()).toContain('王芳')
  })

  it('refuses browser requests even with the key: an Origin header, or a body that is not JSON', async () => {
    const insert = JSON.stringify({ action: 'database.insertDocument', envName: 'local-dev', collectionName: 'roles', data: ['{"_id":"forged","role":"staff"}'] })
    const attempts: Array<Record<string, string>> = [
      { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      { 'content-type': 'application/json', origin: cloud.url },
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of attempts) expect((await post(cloud.adminUrl, headers, insert)).status).toBe(403)
    expect(await cloud.db.handle('database.getDocument', { collectionName: 'roles', query: '{"_id":"forged"}', queryType: 'DOC' })).toMatchObject({ data: { list: [] } })
  })

  it('is a new key at every start, handed to each invocation through TCB_CONTEXT_CNFG', async () => {
    const other = await startTestCloud({ functionsDir: FIXTURES })
    try {
      expect(other.adminUrl).not.toBe(cloud.adminUrl.replace(cloud.url, other.url))
      expect(process.env.TCB_CONTEXT_CNFG).toBe(JSON.stringify({ URL: other.adminUrl }))
      // the function in `cloud` still reaches its own cloud with its own key
      expect(await cloud.callAs('demo-chair', 'guarded', 'readUser', { openid: 'demo-worker' })).toEqual({ ok: true, data: { nickName: '王芳' } })
    } finally {
      await other.cleanup()
    }
  })
})

describe('connections', () => {
  it('keeps idle connections longer than the SDK does (4.8 s), so the SDK never reuses one the server is closing', async () => {
    const res = await fetch(`${cloud.url}/dev/me`)
    const timeout = Number(/timeout=(\d+)/.exec(res.headers.get('keep-alive') ?? '')?.[1])
    expect(timeout).toBeGreaterThan(30)
  })
})

describe('cli', () => {
  it('prints LOCAL_CLOUD_URL once it answers and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-cli-'))
    // node itself runs the cli (tsx as a loader), so SIGTERM reaches the cli's own handler. Through the `tsx`
    // launcher the signal is relayed to a child that must acknowledge it within 30 ms, or the launcher SIGKILLs
    // it and exits 143: on a busy machine that window is missed and the test saw tsx's exit, not the cli's.
    const child = spawn(process.execPath, ['--import', 'tsx', 'local-cloud/cli.ts', '--port', '0', '--data', dataDir, '--functions', FIXTURES], {
      cwd: join(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0])
        })
        child.on('exit', (code) => reject(new Error(`cli exited early (${code})`)))
      })
      expect(firstLine).toMatch(/^LOCAL_CLOUD_URL=http:\/\/127\.0\.0\.1:\d+$/)
      const url = firstLine.slice('LOCAL_CLOUD_URL='.length)
      const res = await fetch(`${url}/api/fn/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(EchoResult.parse(await res.json()).after.OPENID).toBe('')
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
