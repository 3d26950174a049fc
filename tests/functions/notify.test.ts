import * as wxCloud from 'wx-server-sdk'
import { z } from 'zod'
import { notifyActions } from '../../shared/notify/actions'
import { isValidFieldValue } from '../../shared/notify/fields'
import { fieldTypesOf, formatTemplateData, type TemplateData, type TemplateKey } from '../../shared/notify/templates'
import { deliverPending } from '../../server/notify/deliver'
import { BACKOFF_MS, MAX_ATTEMPTS } from '../../server/notify/deliver'
import { OutboxDoc, InboxDoc } from '../../server/notify/docs'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { enqueue } from '../../server/notify/enqueue'
import type { Writer } from '../../server/notify/transaction'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { adminDb } from './adminDb'
import { dataOf } from '../helpers/envelopes'

/**
 * The notification path through the compiled `notify` function on the local cloud. Messages are put in
 * the outbox the way the request engine does it — `enqueue(tx, …)` inside a transaction — from this
 * test process (the engine's own tests cover the transitions that enqueue them); everything after
 * that runs as deployed: the timer trigger, quota, inbox actions as the recipient's phone.
 */
const TEMPLATE_IDS = {
  reviewTodo: 'TPL-review-todo-0001',
  reviewResult: 'TPL-review-result-0002',
  eventChange: 'TPL-event-change-0003',
  aidProgress: 'TPL-aid-progress-0005',
  // eventReminder deliberately has no id: its messages stay in the inbox only
}

let cloud: TestCloud
const sendCalls: string[] = []
beforeAll(async () => {
  cloud = await startTestCloud({
    onAdminRequest: (action, body) => {
      if (action === 'wx.openApi' && body.apiName === 'subscribeMessage.send') sendCalls.push(String(body.apiName))
    },
  })
  await db().collection('notify_config').add({ data: { _id: 'templates', ids: TEMPLATE_IDS, miniprogramState: 'developer' } })
})
afterAll(() => cloud.cleanup())
beforeEach(() => {
  cloud.outbox.setMode('ok')
  cloud.outbox.clear()
  sendCalls.length = 0
})

const db = () => adminDb().db

const Summary = z.object({ sent: z.number(), noQuota: z.number(), noTemplate: z.number(), retrying: z.number(), failed: z.number(), skipped: z.number() })
const runTimer = async () => {
  const answer = z.object({ ok: z.literal(true), data: Summary }).safeParse(await cloud.invokeTimer('notify', 'retryDeliveries'))
  if (!answer.success) throw new Error(`timer failed: ${answer.error.message}`)
  return answer.data.data
}

const outboxDoc = async (id: string) => OutboxDoc.parse((await adminDb().find('outbox', { _id: id }))[0])
const subscribe = (openid: string, results: Partial<Record<TemplateKey, 'accept' | 'reject' | 'ban' | 'filter'>>) =>
  cloud.callAction(openid, notifyActions.recordSubscribe, { results })
const balance = async (openid: string, template: TemplateKey) => dataOf(await cloud.callAction(openid, notifyActions.balances, {})).balances[template]

const todo = (kind: string, applicant = '李*'): TemplateData<'reviewTodo'> => ({ kind, applicant, submittedAt: new Date('2025-03-07T02:30:00Z'), status: '待审批' })

/** What the request engine does inside its transaction. */
async function enqueueOne<K extends TemplateKey>(toOpenid: string, template: K, data: TemplateData<K>, extra: { page?: string; body?: string; at?: Date } = {}) {
  const sdkDb: { runTransaction: (fn: (tx: Writer) => Promise<unknown>) => Promise<unknown> } = db()
  const ids = z.object({ outboxId: z.string(), inboxId: z.string() })
  return ids.parse(
    await sdkDb.runTransaction((tx) =>
      enqueue(tx, {
        toOpenid,
        template,
        page: extra.page ?? 'packages/review/detail?id=req-1',
        data,
        body: extra.body ?? '您有一条申请待审批，请及时处理',
        requestId: 'req-1',
        at: extra.at ?? new Date(Date.now() - 1000),
      }),
    ),
  )
}

describe('recordSubscribe and balances', () => {
  it('banks one message per accepted template and nothing for a refusal', async () => {
    expect(await balance('wx-bank', 'reviewTodo')).toBe(0)
    const first = dataOf(await subscribe('wx-bank', { reviewTodo: 'accept', reviewResult: 'reject' }))
    expect(first.balances).toMatchObject({ reviewTodo: 1, reviewResult: 0 })
    dataOf(await subscribe('wx-bank', { reviewTodo: 'accept', reviewResult: 'ban' }))
    expect(await balance('wx-bank', 'reviewTodo')).toBe(2)
    expect(await balance('wx-bank', 'reviewResult')).toBe(0)
    // what the 待办 banner tells apart: a kind she allowed (spent or not) from one she never allowed or refused
    expect(dataOf(await cloud.callAction('wx-bank', notifyActions.balances, {})).opened).toEqual(['reviewTodo'])
    expect(dataOf(await cloud.callAction('wx-someone-else', notifyActions.balances, {})).opened).toEqual([])
    // another person's quota is their own
    expect(await balance('wx-someone-else', 'reviewTodo')).toBe(0)
  })

  it('counts every accept when the first taps race each other', async () => {
    await Promise.all([1, 2, 3, 4].map(() => subscribe('wx-race-bank', { eventChange: 'accept' })))
    expect(await balance('wx-race-bank', 'eventChange')).toBe(4)
  })

  it('refuses a template key that does not exist', async () => {
    const answer = await cloud.callAs('wx-bank', 'notify', 'recordSubscribe', { results: { dropTables: 'accept' } })
    expect(answer.ok).toBe(false)
  })

  it('gives the client the configured template ids, and none for an unconfigured template', async () => {
    const { templateIds } = dataOf(await cloud.callAction('wx-bank', notifyActions.subscribeConfig, {}))
    expect(templateIds).toEqual(TEMPLATE_IDS)
  })
})

describe('delivery', () => {
  it('sends with the configured template id, recipient, page and formatted fields, and spends one unit of quota', async () => {
    dataOf(await subscribe('wx-chair-a', { reviewTodo: 'accept' }))
    dataOf(await subscribe('wx-chair-a', { reviewTodo: 'accept' }))
    const data = todo('入会申请')
    const { outboxId, inboxId } = await enqueueOne('wx-chair-a', 'reviewTodo', data, { page: '/packages/review/detail?id=req-1' })

    expect(await runTimer()).toMatchObject({ sent: 1, failed: 0 })
    const [message] = cloud.outbox.list()
    expect(cloud.outbox.list()).toHaveLength(1)
    expect(message).toMatchObject({
      templateId: TEMPLATE_IDS.reviewTodo,
      touser: 'wx-chair-a',
      page: 'packages/review/detail?id=req-1',
      miniprogramState: 'developer',
      data: formatTemplateData('reviewTodo', data),
    })
    expect(message.data).toEqual({
      thing1: { value: '入会申请' },
      name2: { value: '李*' },
      time3: { value: '2025年3月7日 10:30' },
      phrase4: { value: '待审批' },
    })

    const stored = await outboxDoc(outboxId)
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, inboxId, requestId: 'req-1' })
    expect(stored.sentAt).toBeInstanceOf(Date)
    expect(stored.results.map((r) => r.outcome)).toEqual(['sent'])
    expect(await balance('wx-chair-a', 'reviewTodo')).toBe(1)

    // a second timer run finds nothing due
    expect(await runTimer()).toMatchObject({ sent: 0, skipped: 0 })
    expect(cloud.outbox.list()).toHaveLength(1)
  })

  it('keeps every field inside WeChat\'s limits in what is actually sent', async () => {
    dataOf(await subscribe('wx-chair-limits', { reviewTodo: 'accept', reviewResult: 'accept' }))
    const longKind = '北京某建筑工程有限公司工会关于新入职农民工的入会申请'
    await enqueueOne('wx-chair-limits', 'reviewTodo', todo(longKind, 'Alexander Christopher Smith'))
    await enqueueOne('wx-chair-limits', 'reviewResult', {
      kind: '困难职工帮扶申请（生活救助）',
      result: '已退回',
      remark: '请补充近三个月的收入证明\n以及医院出具的费用清单，谢谢',
      decidedAt: new Date(),
    })
    expect(await runTimer()).toMatchObject({ sent: 2 })
    const sent = cloud.outbox.list()
    expect(sent).toHaveLength(2)
    for (const message of sent) {
      const template = message.templateId === TEMPLATE_IDS.reviewTodo ? 'reviewTodo' : 'reviewResult'
      const types = fieldTypesOf(template)
      expect(Object.keys(message.data).sort()).toEqual(Object.keys(types).sort())
      for (const [key, field] of Object.entries(message.data)) {
        const value = z.object({ value: z.string() }).parse(field).value
        expect({ key, valid: isValidFieldValue(types[key], value) }).toEqual({ key, valid: true })
      }
    }
    const todoSent = sent.find((m) => m.templateId === TEMPLATE_IDS.reviewTodo)
    expect(todoSent?.data.thing1).toEqual({ value: Array.from(longKind).slice(0, 19).join('') + '…' })
    expect(todoSent?.data.name2).toEqual({ value: 'Alexander Christophe' })
  })

  it('does not call WeChat without banked quota: no_quota is recorded and the inbox still has the message', async () => {
    const { outboxId, inboxId } = await enqueueOne('wx-never-subscribed', 'reviewTodo', todo('转会申请'))
    expect(await runTimer()).toMatchObject({ noQuota: 1, sent: 0 })
    expect(sendCalls).toHaveLength(0)
    const stored = await outboxDoc(outboxId)
    expect(stored.status).toBe('no_quota')
    expect(stored.results).toEqual([expect.objectContaining({ outcome: 'no_quota', errCode: null })])

    const inbox = dataOf(await cloud.callAction('wx-never-subscribed', notifyActions.listInbox, {}))
    expect(inbox.items).toEqual([
      expect.objectContaining({ id: inboxId, title: '待审批提醒', body: '您有一条申请待审批，请及时处理', page: 'packages/review/detail?id=req-1', isRead: false, requestId: 'req-1' }),
    ])
  })

  it('records no_quota and resets the balance when WeChat answers 43101', async () => {
    dataOf(await subscribe('wx-chair-43101', { reviewResult: 'accept' }))
    dataOf(await subscribe('wx-chair-43101', { reviewResult: 'accept' }))
    cloud.outbox.setMode('43101')
    const { outboxId } = await enqueueOne('wx-chair-43101', 'reviewResult', { kind: '入会申请', result: '已通过', remark: '', decidedAt: new Date() })
    expect(await runTimer()).toMatchObject({ noQuota: 1 })
    expect(sendCalls).toHaveLength(1)
    const stored = await outboxDoc(outboxId)
    expect(stored.status).toBe('no_quota')
    expect(stored.results).toEqual([expect.objectContaining({ outcome: 'no_quota', errCode: 43101 })])
    expect(await balance('wx-chair-43101', 'reviewResult')).toBe(0)
    // recorded, not retried
    expect(await runTimer()).toMatchObject({ noQuota: 0, sent: 0 })
    expect(sendCalls).toHaveLength(1)
  })

  it('retries other failures on the backoff schedule from the timer, then gives up as failed', async () => {
    dataOf(await subscribe('wx-chair-flaky', { eventChange: 'accept' }))
    cloud.outbox.setMode('fail')
    const { outboxId } = await enqueueOne('wx-chair-flaky', 'eventChange', {
      event: '三八节插花活动',
      change: '已延期',
      startAt: new Date('2025-03-08T06:00:00Z'),
      place: '职工之家二楼',
      remark: '',
    })

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await runTimer()).toMatchObject({ retrying: 1 })
      const stored = await outboxDoc(outboxId)
      expect(stored).toMatchObject({ status: 'pending', attempts: attempt })
      expect(stored.nextAttemptAt.getTime() - (stored.lastAttemptAt?.getTime() ?? 0)).toBe(BACKOFF_MS[attempt - 1])
      expect(stored.lastError).toContain('system error')
      // the quota unit is given back: only a delivered message uses it up
      expect(await balance('wx-chair-flaky', 'eventChange')).toBe(1)

      // not due yet: the timer leaves it alone
      expect(await runTimer()).toMatchObject({ retrying: 0, skipped: 0 })
      expect(sendCalls).toHaveLength(attempt)
      // let the backoff pass
      await db().collection('outbox').doc(outboxId).update({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    }

    expect(await runTimer()).toMatchObject({ failed: 1 })
    const stored = await outboxDoc(outboxId)
    expect(stored).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
    expect(stored.results.map((r) => r.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'failed'])
    expect(stored.results.every((r) => r.errCode === -1)).toBe(true)
    expect(sendCalls).toHaveLength(MAX_ATTEMPTS)

    // once WeChat is back, a failed message stays failed (it is in the inbox)
    cloud.outbox.setMode('ok')
    expect(await runTimer()).toMatchObject({ sent: 0 })
  })

  it('records no_template for a template without a configured id; the inbox still has it', async () => {
    dataOf(await subscribe('wx-member-reminder', { eventReminder: 'accept' }))
    const { outboxId, inboxId } = await enqueueOne('wx-member-reminder', 'eventReminder', {
      event: '职工运动会',
      startAt: new Date('2025-04-12T01:00:00Z'),
      place: '朝阳体育馆',
      remark: '请提前十五分钟到场',
    }, { page: 'packages/events/detail?id=e1', body: '您报名的职工运动会明天开始' })
    expect(await runTimer()).toMatchObject({ noTemplate: 1 })
    expect(sendCalls).toHaveLength(0)
    expect((await outboxDoc(outboxId)).status).toBe('no_template')
    expect(await balance('wx-member-reminder', 'eventReminder')).toBe(1)
    const inbox = dataOf(await cloud.callAction('wx-member-reminder', notifyActions.listInbox, {}))
    expect(inbox.items.map((i) => i.id)).toEqual([inboxId])
  })

  it('sends each message once when timer runs and post-commit sends race', async () => {
    const recipients = ['wx-race-1', 'wx-race-2', 'wx-race-3', 'wx-race-4', 'wx-race-5', 'wx-race-6']
    for (const openid of recipients) dataOf(await subscribe(openid, { aidProgress: 'accept' }))
    const ids: string[] = []
    for (const openid of recipients) {
      ids.push((await enqueueOne(openid, 'aidProgress', { scheme: '金秋助学', status: '审批中', remark: '', updatedAt: new Date() })).outboxId)
    }
    const sdk = { db: db(), cloud: wxCloud, now: new Date() }
    const runs = await Promise.all([runTimer(), runTimer(), deliverPending(sdk, { ids }), deliverPending(sdk, { ids })])

    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(recipients.length)
    const sent = cloud.outbox.list()
    expect(sent.map((m) => m.touser).sort()).toEqual([...recipients].sort())
    expect(sendCalls).toHaveLength(recipients.length)
    for (const id of ids) expect(await outboxDoc(id)).toMatchObject({ status: 'sent', attempts: 1 })
    for (const openid of recipients) expect(await balance(openid, 'aidProgress')).toBe(0)
  })

  it('two messages cannot both spend the last unit of quota', async () => {
    dataOf(await subscribe('wx-one-left', { reviewTodo: 'accept' }))
    const a = await enqueueOne('wx-one-left', 'reviewTodo', todo('入会申请'))
    const b = await enqueueOne('wx-one-left', 'reviewTodo', todo('转会申请'))
    const sdk = { db: db(), cloud: wxCloud, now: new Date() }
    await Promise.all([deliverPending(sdk, { ids: [a.outboxId] }), deliverPending(sdk, { ids: [b.outboxId] })])
    const statuses = [(await outboxDoc(a.outboxId)).status, (await outboxDoc(b.outboxId)).status].sort()
    expect(statuses).toEqual(['no_quota', 'sent'])
    expect(sendCalls).toHaveLength(1)
    expect(await balance('wx-one-left', 'reviewTodo')).toBe(0)
  })
})

describe('what enqueue accepts', () => {
  // a valid ID number, built with the check digit rather than trusted as a literal
  const fullId = '11010119900307123' + idCheckChar('11010119900307123')

  it('masks a full ID number that slipped into the text of a message, and still delivers it', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      const { inboxId, outboxId } = await enqueueOne('wx-leak', 'reviewResult', {
        kind: '事项申请',
        result: '已退回',
        remark: `身份证${fullId}不清楚`,
        decidedAt: new Date(),
      }, { body: `申请人身份证 ${fullId.slice(0, 6)} ${fullId.slice(6)} 请核对` })
      const [inbox] = await adminDb().find('inbox', { _id: inboxId })
      expect(InboxDoc.parse(inbox).body).toBe(`申请人身份证 ${fullId.slice(0, 4)}**********${fullId.slice(-4)} 请核对`)
      assertNoSensitive({ inbox, outbox: await outboxDoc(outboxId) }, [fullId])
      expect(warn).toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })

  it('stores nothing but masked names and neutral words in outbox and inbox', async () => {
    const outbox = await adminDb().find('outbox')
    const inbox = await adminDb().find('inbox')
    assertNoSensitive({ outbox, inbox, sent: cloud.outbox.list() }, ['李强', fullId])
  })
})

describe('inbox', () => {
  const owner = 'wx-inbox-owner'
  const base = Date.now() - 60 * 60_000
  const created: Array<{ id: string; at: number }> = []

  beforeAll(async () => {
    // seven messages; two share a timestamp, so paging has to break ties
    const offsets = [0, 1, 2, 3, 3, 4, 5]
    for (const [i, minute] of offsets.entries()) {
      const at = base + minute * 60_000
      const { inboxId } = await enqueueOne(owner, 'reviewResult', { kind: `申请${i}`, result: '已通过', remark: '', decidedAt: new Date(at) }, { at: new Date(at), body: `第${i}条` })
      created.push({ id: inboxId, at })
    }
    await enqueueOne('wx-inbox-other', 'reviewResult', { kind: '别人的', result: '已驳回', remark: '', decidedAt: new Date() }, { body: '别人的消息' })
  })

  it('lists newest first, page by page, each message exactly once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 10; page++) {
      const input: { limit: number; cursor?: string } = cursor ? { limit: 2, cursor } : { limit: 2 }
      const result = dataOf(await cloud.callAction(owner, notifyActions.listInbox, input))
      expect(result.items.length).toBeLessThanOrEqual(2)
      seen.push(...result.items.map((i) => i.id))
      cursor = result.nextCursor
      if (!cursor) break
    }
    const expected = [...created].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((c) => c.id)
    expect(seen).toEqual(expected)
  })

  it('counts unread, marks only the caller\'s own messages read, and marks all', async () => {
    expect(dataOf(await cloud.callAction(owner, notifyActions.unreadCount, {})).count).toBe(7)
    const othersId = dataOf(await cloud.callAction('wx-inbox-other', notifyActions.listInbox, {})).items[0].id
    const marked = dataOf(await cloud.callAction(owner, notifyActions.markRead, { ids: [created[0].id, created[1].id, othersId] }))
    expect(marked.updated).toBe(2)
    expect(dataOf(await cloud.callAction(owner, notifyActions.unreadCount, {})).count).toBe(5)
    expect(dataOf(await cloud.callAction('wx-inbox-other', notifyActions.unreadCount, {})).count).toBe(1)
    // marking again changes nothing
    expect(dataOf(await cloud.callAction(owner, notifyActions.markRead, { ids: [created[0].id] })).updated).toBe(0)

    const list = dataOf(await cloud.callAction(owner, notifyActions.listInbox, { limit: 50 }))
    expect(list.items.filter((i) => i.isRead).map((i) => i.id).sort()).toEqual([created[0].id, created[1].id].sort())
    const stored = InboxDoc.parse((await adminDb().find('inbox', { _id: created[0].id }))[0])
    expect(stored.readAt).toBeInstanceOf(Date)

    expect(dataOf(await cloud.callAction(owner, notifyActions.markRead, { all: true })).updated).toBe(5)
    expect(dataOf(await cloud.callAction(owner, notifyActions.unreadCount, {})).count).toBe(0)
    expect(dataOf(await cloud.callAction('wx-inbox-other', notifyActions.unreadCount, {})).count).toBe(1)
  })

  it('refuses a forged cursor and an empty markRead in Chinese', async () => {
    const forged = await cloud.callAs(owner, 'notify', 'listInbox', { cursor: 'not-a-cursor' })
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const empty = await cloud.callAs(owner, 'notify', 'markRead', { ids: [] })
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { ids: '请选择要标为已读的消息' } } })
  })

  it('needs a WeChat identity', async () => {
    expect(await cloud.callAs('', 'notify', 'listInbox', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('template configuration', () => {
  it('falls back to GHT_TEMPLATE_IDS when no notify_config document exists, ignoring malformed values', async () => {
    const saved = { ids: process.env.GHT_TEMPLATE_IDS, state: process.env.GHT_MINIPROGRAM_STATE }
    await db().collection('notify_config').doc('templates').remove()
    try {
      process.env.GHT_TEMPLATE_IDS = JSON.stringify({ reviewTodo: 'ENV-todo', aidProgress: '' })
      process.env.GHT_MINIPROGRAM_STATE = 'trial'
      expect(dataOf(await cloud.callAction('wx-bank', notifyActions.subscribeConfig, {})).templateIds).toEqual({ reviewTodo: 'ENV-todo' })

      dataOf(await subscribe('wx-env-chair', { reviewTodo: 'accept' }))
      await enqueueOne('wx-env-chair', 'reviewTodo', todo('入会申请'))
      expect(await runTimer()).toMatchObject({ sent: 1 })
      expect(cloud.outbox.list()).toEqual([expect.objectContaining({ templateId: 'ENV-todo', touser: 'wx-env-chair', miniprogramState: 'trial' })])

      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      process.env.GHT_TEMPLATE_IDS = '{not json'
      expect(dataOf(await cloud.callAction('wx-bank', notifyActions.subscribeConfig, {})).templateIds).toEqual({})
      errors.mockRestore()
    } finally {
      if (saved.ids === undefined) delete process.env.GHT_TEMPLATE_IDS
      else process.env.GHT_TEMPLATE_IDS = saved.ids
      if (saved.state === undefined) delete process.env.GHT_MINIPROGRAM_STATE
      else process.env.GHT_MINIPROGRAM_STATE = saved.state
      await db().collection('notify_config').add({ data: { _id: 'templates', ids: TEMPLATE_IDS, miniprogramState: 'developer' } })
    }
  })
})
