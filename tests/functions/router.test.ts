import { z } from 'zod'
import { envelopeOf, type Envelope } from '../../shared/contract'
import { UnionSummary } from '../../shared/union'
import { seed } from '../../local-cloud/seed/core'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

const CJK = /[\u4e00-\u9fff]/
const AnyEnvelope = envelopeOf(z.unknown())

let cloud: TestCloud
const requests: Array<{ action: string; body: Record<string, unknown> }> = []
// Only the foundation's own demo data, so other domains' seeds cannot change what these tests see.
beforeAll(async () => {
  cloud = await startTestCloud({ onAdminRequest: (action, body) => requests.push({ action, body }) })
  await cloud.db.seed(seed)
})
afterAll(() => cloud.cleanup())

const errorOf = (envelope: Envelope<unknown>) => {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.data)}`)
  return envelope.error
}
const dataOf = (envelope: Envelope<unknown>) => {
  if (!envelope.ok) throw new Error(`expected data, got ${JSON.stringify(envelope.error)}`)
  return envelope.data
}
/** A raw event, as a tampered or outdated client might send it. */
const invokeRaw = async (openid: string, fn: string, event: unknown) => AnyEnvelope.parse(await cloud.invoke(fn, event, { openid }))

describe('the router of every function', () => {
  it('answers UNKNOWN_ACTION for an action the function does not declare, in Chinese', async () => {
    for (const fn of ['account', 'union']) {
      const error = errorOf(await cloud.callAs('demo-worker', fn, 'dropDatabase'))
      expect(error.code).toBe('UNKNOWN_ACTION')
      expect(error.message).toMatch(CJK)
    }
    // inherited object keys are not actions either
    expect(errorOf(await cloud.callAs('demo-worker', 'union', 'constructor')).code).toBe('UNKNOWN_ACTION')
    expect(errorOf(await cloud.callAs('demo-worker', 'union', '__proto__')).code).toBe('UNKNOWN_ACTION')
  })

  it('answers INVALID_INPUT for an event that is not {action, input}', async () => {
    for (const event of [null, 'whoami', 42, [], {}, { input: {} }, { action: '' }, { action: 7 }, { action: { $gt: '' } }, { action: 'x'.repeat(65) }]) {
      const error = errorOf(await invokeRaw('demo-worker', 'account', event))
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.message).toMatch(CJK)
    }
  })

  it('runs timer-shaped events only from a trigger, never from a phone', async () => {
    const fromPhone = errorOf(await invokeRaw('demo-worker', 'account', { Type: 'Timer', TriggerName: 'remindOverdue' }))
    expect(fromPhone.code).toBe('INVALID_INPUT')
    const fromTrigger = AnyEnvelope.parse(await cloud.invokeTimer('account', 'remindOverdue'))
    expect(errorOf(fromTrigger)).toEqual({ code: 'UNKNOWN_ACTION', message: '未知的定时任务：remindOverdue' })
  })

  it('answers UNAUTHENTICATED without a WeChat identity, and creates no account', async () => {
    const { count } = adminDb()
    const users = await count('users')
    for (const [fn, action, input] of [['account', 'whoami', {}], ['account', 'updateNickname', { nickName: '匿名' }], ['union', 'search', { keyword: '北京' }]] as const) {
      expect(errorOf(await cloud.callAs('', fn, action, input)).code).toBe('UNAUTHENTICATED')
    }
    expect(await count('users')).toBe(users)
  })

  it('takes identity only from WeChat, never from the event or the input', async () => {
    // demo-worker claims to be the chair of 某建筑 in every place a client could write
    const event = { action: 'getUnion', input: { unionId: 'u-build', openid: 'demo-chair' }, openid: 'demo-chair', OPENID: 'demo-chair' }
    const detail = z.object({ inviteCode: z.string().optional() }).parse(dataOf(await invokeRaw('demo-worker', 'union', event)))
    expect(detail.inviteCode).toBeUndefined()
    const asChair = z.object({ inviteCode: z.string().optional() }).parse(dataOf(await cloud.callAs('demo-chair', 'union', 'getUnion', { unionId: 'u-build' })))
    expect(asChair.inviteCode).toBe('JZGH28')
  })

  it('answers INVALID_INPUT with a Chinese problem per field for wrong types', async () => {
    const search = errorOf(await cloud.callAs('demo-worker', 'union', 'search', { keyword: 12, limit: 'all' }))
    expect(search.code).toBe('INVALID_INPUT')
    expect(search.fields).toEqual({ keyword: '请输入工会或单位名称', limit: expect.stringMatching(CJK) })
    expect(search.message).toBe('填写的内容有误：请输入工会或单位名称')

    const tree = errorOf(await cloud.callAs('demo-worker', 'union', 'getTree', { parentId: ['u-district'], after: { name: 1 } }))
    expect(tree.code).toBe('INVALID_INPUT')
    expect(Object.keys(tree.fields ?? {}).sort()).toEqual(['after._id', 'after.name', 'parentId'])
    for (const message of Object.values(tree.fields ?? {})) expect(message).toMatch(CJK)

    expect(errorOf(await cloud.callAs('demo-worker', 'union', 'getUnion', 'u-build')).code).toBe('INVALID_INPUT')
  })

  it('answers PAYLOAD_TOO_LARGE over 100 KB, counting bytes not characters, and writes nothing', async () => {
    const { find } = adminDb()
    const before = await find('users', { _id: 'demo-worker' })
    // 40 000 Chinese characters: 40 000 UTF-16 units but about 120 KB on the wire
    const tooBig = errorOf(await cloud.callAs('demo-worker', 'account', 'updateNickname', { nickName: '新名字', note: '汉'.repeat(40_000) }))
    expect(tooBig.code).toBe('PAYLOAD_TOO_LARGE')
    expect(tooBig.message).toMatch(CJK)
    expect(errorOf(await invokeRaw('demo-worker', 'account', { action: 'whoami', padding: 'x'.repeat(110 * 1024) })).code).toBe('PAYLOAD_TOO_LARGE')
    expect(await find('users', { _id: 'demo-worker' })).toEqual(before)
    // just under the limit is still served
    expect(dataOf(await cloud.callAs('demo-worker', 'account', 'updateNickname', { nickName: '王芳', note: 'x'.repeat(90 * 1024) }))).toEqual({ nickName: '王芳' })
  })

  it('refuses database operators smuggled where a plain value is expected, and writes nothing', async () => {
    const { find, count } = adminDb()
    const worker = await find('users', { _id: 'demo-worker' })
    const users = await count('users')

    const nick = errorOf(await cloud.callAs('demo-worker', 'account', 'updateNickname', { nickName: { $gt: '' } }))
    expect(nick.code).toBe('INVALID_INPUT')
    expect(nick.fields).toEqual({ nickName: '请填写昵称' })
    // a stranger's first call with an operator must not create an account either
    expect(errorOf(await cloud.callAs('smuggler', 'account', 'updateNickname', { nickName: { $set: { nickName: 'x' } } })).code).toBe('INVALID_INPUT')

    // an operator in place of an invite code must not match the first union
    const code = errorOf(await cloud.callAs('demo-worker', 'union', 'byInviteCode', { code: { $gt: '' } }))
    expect(code.code).toBe('INVALID_INPUT')
    expect(code.fields).toEqual({ code: '请输入邀请码' })
    expect(errorOf(await cloud.callAs('demo-worker', 'union', 'getUnion', { unionId: { $ne: null } })).code).toBe('INVALID_INPUT')
    expect(errorOf(await cloud.callAs('demo-worker', 'union', 'getTree', { after: { name: { $gt: '' }, _id: 'u-tech' } })).code).toBe('INVALID_INPUT')

    expect(await find('users', { _id: 'demo-worker' })).toEqual(worker)
    expect(await count('users')).toBe(users)
  })

  it('strips every field the output contract does not declare', async () => {
    const found = z.object({ items: z.array(z.record(z.string(), z.unknown())) }).parse(dataOf(await cloud.callAs('demo-worker', 'union', 'search', { keyword: '北京' })))
    expect(found.items.length).toBeGreaterThan(0)
    const declared = Object.keys(UnionSummary.shape).sort()
    for (const item of found.items) expect(Object.keys(item).sort()).toEqual(declared)
    // the stored documents do carry the internal fields that were stripped
    const [stored] = await adminDb().find('unions', { _id: z.string().parse(found.items[0]?._id) })
    expect(stored).toHaveProperty('inviteCode')
    expect(stored).toHaveProperty('path')

    const me = z.record(z.string(), z.unknown()).parse(dataOf(await cloud.callAs('demo-chair', 'account', 'whoami')))
    expect(Object.keys(me).sort()).toEqual(['grants', 'isNew', 'nickName', 'ownerKey'])
    expect(JSON.stringify(me)).not.toContain('demo-chair')
  })

  it('sends every database read with an explicit page of at most 100 and never skips', () => {
    const reads = requests.filter((r) => r.action === 'database.getDocument')
    expect(reads.length).toBeGreaterThan(10)
    for (const { body } of reads) {
      expect(typeof body.limit).toBe('number')
      expect(body.limit).toBeLessThanOrEqual(100)
      expect(body.offset ?? 0).toBe(0)
    }
  })
})
