/**
 * Pins the wire format of wx-server-sdk 4.0.2's database calls (see local-cloud/WIRE.md) and the
 * environment seam. An SDK upgrade that renames an action, moves a field or stops honouring
 * TCB_CONTEXT_CNFG fails here instead of silently calling the real cloud.
 */
import http from 'http'
import https from 'https'
import net from 'net'
import { dirname } from 'path'
import { startDbCloud, type DbCloud, type WxDb } from './support/cloud'

jest.setTimeout(30_000)

interface Seen {
  action: string
  body: Record<string, unknown>
}

const seen: Seen[] = []
const outgoingUrls: string[] = []
const connections: string[] = []
let env: DbCloud
let db: WxDb
let _: WxDb

const sdkDir = dirname(require.resolve('wx-server-sdk/package.json'))
const fromSdk = (id: string): string => require.resolve(id, { paths: [sdkDir] })

function urlOf(args: unknown[]): string {
  const [first] = args
  if (typeof first === 'string') return first
  if (first instanceof URL) return first.href
  return JSON.stringify(first)
}

/** host:port of a Socket#connect call; node's own callers pass one array of [options, callback] */
function targetOf(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  if (typeof first === 'number' || typeof first === 'string') return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`
  if (typeof first !== 'object' || first === null) return 'unknown'
  const host = Reflect.get(first, 'host') ?? Reflect.get(first, 'path') ?? 'localhost'
  return `${String(host)}:${String(Reflect.get(first, 'port'))}`
}

beforeAll(async () => {
  const request = http.request
  jest.spyOn(http, 'request').mockImplementation(function (this: unknown, ...args: unknown[]) {
    outgoingUrls.push(urlOf(args))
    return Reflect.apply(request, this, args)
  })
  jest.spyOn(https, 'request').mockImplementation((...args: unknown[]) => {
    outgoingUrls.push(urlOf(args))
    throw new Error(`the SDK tried to reach ${urlOf(args)} over https`)
  })
  const connect = net.Socket.prototype.connect
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    connections.push(targetOf(args))
    return Reflect.apply(connect, this, args)
  })
  env = await startDbCloud({ onAdminRequest: (action, body) => seen.push({ action, body }) })
  db = env.db
  _ = db.command
  await db.collection('todos').doc('w1').set({ data: { n: 1, s: 'x' } })
})

afterAll(async () => {
  await env.cleanup()
  jest.restoreAllMocks()
})

/** The admin requests `run` caused, in order. */
async function wire(run: () => Promise<unknown>): Promise<Seen[]> {
  seen.length = 0
  await run()
  return [...seen]
}

async function only(run: () => Promise<unknown>): Promise<Seen> {
  const requests = await wire(run)
  expect(requests).toHaveLength(1)
  return requests[0]
}

describe('the seam', () => {
  it('runs the pinned SDK versions', () => {
    expect(require('wx-server-sdk/package.json').version).toBe('4.0.2')
    expect(require(fromSdk('@cloudbase/node-sdk/package.json')).version).toBe('3.17.2')
    expect(require(fromSdk('@cloudbase/database/package.json')).version).toBe('1.4.3')
  })

  it('sends every call to the TCB_CONTEXT_CNFG URL on loopback and never to another host', async () => {
    outgoingUrls.length = 0
    connections.length = 0
    const requests = await wire(async () => {
      await db.collection('todos').doc('w1').get()
      await db.collection('todos').where({ n: 1 }).count()
      await db.runTransaction(async (t: WxDb) => t.collection('todos').doc('w1').update({ data: { n: _.inc(1) } }))
    })
    expect(requests.length).toBeGreaterThanOrEqual(5)
    expect(outgoingUrls).toHaveLength(requests.length)
    for (const url of outgoingUrls) expect(url).toMatch(new RegExp(`^${env.local.adminUrl}\\?env=local-dev&seqId=`))
    for (const target of connections) expect(target).toBe(`127.0.0.1:${env.local.port}`)
  })

  it('would call Tencent Cloud without TCB_CONTEXT_CNFG: that variable is the whole seam', () => {
    const { buildUrl } = require(fromSdk('@cloudbase/node-sdk/dist/utils/tcbapiendpoint'))
    const seam = process.env.TCB_CONTEXT_CNFG
    try {
      expect(buildUrl({ envId: 'local-dev', protocol: 'https' })).toMatch(new RegExp(`^${env.local.adminUrl}\\?`))
      delete process.env.TCB_CONTEXT_CNFG
      expect(buildUrl({ envId: 'local-dev', protocol: 'https' })).toMatch(/^https:\/\/local-dev\.tcb-api\.tencentcloudapi\.com\/admin\?/)
    } finally {
      process.env.TCB_CONTEXT_CNFG = seam
    }
  })
})

describe('requests', () => {
  it('doc().get() → database.getDocument, queryType DOC, no limit', async () => {
    const { action, body } = await only(() => db.collection('todos').doc('w1').get())
    expect(action).toBe('database.getDocument')
    expect(body).toMatchObject({ collectionName: 'todos', query: '{"_id":"w1"}', queryType: 'DOC', multi: false, envName: 'local-dev' })
    expect(body).not.toHaveProperty('limit')
  })

  it('where().orderBy().skip().limit().field().get() → canonical EJSON query, order, projection; limit clamped to 1000', async () => {
    const { action, body } = await only(() =>
      db
        .collection('todos')
        .where({ n: _.gt(5), s: 'x', at: new Date(0), re: db.RegExp({ regexp: '^a', options: 'i' }), nested: { a: 1.5 } })
        .orderBy('n', 'desc')
        .orderBy('s', 'asc')
        .skip(3)
        .limit(2000)
        .field({ n: true })
        .get(),
    )
    expect(action).toBe('database.getDocument')
    expect(body).toMatchObject({ collectionName: 'todos', queryType: 'WHERE', offset: 3, limit: 1000 })
    expect(body.query).toBe(
      '{"n":{"$gt":{"$numberInt":"5"}},"s":"x","at":{"$date":{"$numberLong":"0"}},"re":{"$regularExpression":{"pattern":"^a","options":"i"}},"nested.a":{"$numberDouble":"1.5"}}',
    )
    expect(body.order).toBe('{"n":{"$numberInt":"-1"},"s":{"$numberInt":"1"}}')
    expect(body.projection).toBe('{"n":{"$numberInt":"1"}}')
  })

  it('get() without where or limit → no query field, limit 100', async () => {
    const { body } = await only(() => db.collection('todos').get())
    expect(body).toMatchObject({ queryType: 'WHERE', limit: 100 })
    expect(body).not.toHaveProperty('query')
  })

  it('add() → database.insertDocument with an array of EJSON strings; serverDate travels as $tcb_server_date', async () => {
    const one = await only(() => db.collection('todos').add({ data: { at: new Date(5), when: db.serverDate({ offset: 1000 }), n: 2 } }))
    expect(one.action).toBe('database.insertDocument')
    expect(one.body.data).toEqual(['{"at":{"$date":{"$numberLong":"5"}},"when":{"$tcb_server_date":{"offset":{"$numberInt":"1000"}}},"n":{"$numberInt":"2"}}'])
    const many = await only(() => db.collection('todos').add({ data: [{ a: 1 }, { a: 2 }] }))
    expect(many.body.data).toEqual(['{"a":{"$numberInt":"1"}}', '{"a":{"$numberInt":"2"}}'])
  })

  it('doc().set() → database.modifyDocument merge false, upsert true', async () => {
    const { action, body } = await only(() => db.collection('todos').doc('w2').set({ data: { s: 'y' } }))
    expect(action).toBe('database.modifyDocument')
    expect(body).toMatchObject({ queryType: 'DOC', query: '{"_id":"w2"}', data: '{"s":"y"}', multi: false, merge: false, upsert: true })
  })

  it('doc().update() → database.modifyDocument merge true, upsert false, data of update operators', async () => {
    const { action, body } = await only(() =>
      db.collection('todos').doc('w2').update({ data: { n: _.inc(2), b: { c: 3 }, arr: _.push([1]), gone: _.remove() } }),
    )
    expect(action).toBe('database.modifyDocument')
    expect(body).toMatchObject({ queryType: 'DOC', query: '{"_id":"w2"}', multi: false, merge: true, upsert: false })
    expect(JSON.parse(String(body.data))).toEqual({
      $inc: { n: { $numberInt: '2' } },
      $set: { 'b.c': { $numberInt: '3' } },
      $push: { arr: { $each: [{ $numberInt: '1' }] } },
      $unset: { gone: '' },
    })
  })

  it('where().update() → database.modifyDocument queryType WHERE, multi true', async () => {
    const { body } = await only(() => db.collection('todos').where({ s: 'y' }).update({ data: { s: 'z' } }))
    expect(body).toMatchObject({ queryType: 'WHERE', query: '{"s":"y"}', data: '{"$set":{"s":"z"}}', multi: true, merge: true, upsert: false })
  })

  it('remove() → database.removeDocument, DOC single or WHERE multi', async () => {
    const doc = await only(() => db.collection('todos').doc('w2').remove())
    expect(doc).toMatchObject({ action: 'database.removeDocument', body: { queryType: 'DOC', query: '{"_id":"w2"}', multi: false } })
    const where = await only(() => db.collection('todos').where({ a: 1 }).remove())
    expect(where).toMatchObject({ action: 'database.removeDocument', body: { queryType: 'WHERE', query: '{"a":{"$numberInt":"1"}}', multi: true } })
  })

  it('count() → database.calculateDocument', async () => {
    const { action, body } = await only(() => db.collection('todos').where({ s: 'x' }).count())
    expect(action).toBe('database.calculateDocument')
    expect(body).toMatchObject({ collectionName: 'todos', queryType: 'WHERE', query: '{"s":"x"}' })
  })

  it('aggregate().end() → database.aggregateDocuments with stages of {stageKey, stageValue}', async () => {
    const { action, body } = await only(() =>
      db.collection('todos').aggregate().match({ n: _.gt(1) }).group({ _id: '$s', c: _.aggregate.sum(1) }).limit(5).end(),
    )
    expect(action).toBe('database.aggregateDocuments')
    expect(body.stages).toEqual([
      { stageKey: '$match', stageValue: '{"n":{"$gt":{"$numberInt":"1"}}}' },
      { stageKey: '$group', stageValue: '{"_id":"$s","c":{"$sum":{"$numberInt":"1"}}}' },
      { stageKey: '$limit', stageValue: '5' },
    ])
  })

  it('runTransaction → start, single-document ops carrying transactionId, commit', async () => {
    const requests = await wire(() =>
      db.runTransaction(async (t: WxDb) => {
        await t.collection('todos').doc('w1').get()
        await t.collection('todos').doc('w1').update({ data: { n: 5 } })
        await t.collection('todos').add({ data: { _id: 'w3' } })
        await t.collection('todos').doc('w3').remove()
      }),
    )
    expect(requests.map((r) => r.action)).toEqual([
      'database.startTransaction',
      'database.getDocument',
      'database.modifyDocument',
      'database.insertDocument',
      'database.removeDocument',
      'database.commitTransaction',
    ])
    const txId = requests[1].body.transactionId
    expect(typeof txId).toBe('string')
    for (const request of requests.slice(1)) expect(request.body.transactionId).toBe(txId)
    expect(requests[1].body).toMatchObject({ queryType: 'DOC', query: '{"_id":"w1"}' })
    expect(requests[2].body).toMatchObject({ queryType: 'DOC', merge: true, upsert: false })
  })

  it('rollback → database.abortTransaction', async () => {
    const requests = await wire(async () => {
      const t = await db.startTransaction()
      await t.rollback()
    })
    expect(requests.map((r) => r.action)).toEqual(['database.startTransaction', 'database.abortTransaction'])
    expect(typeof requests[1].body.transactionId).toBe('string')
  })

  it('where().update() inside a transaction carries no transactionId: the SDK runs it outside the transaction', async () => {
    const requests = await wire(async () => {
      const t = await db.startTransaction()
      await t.collection('todos').where({ s: 'x' }).update({ data: { s: 'x' } })
      await t.rollback()
    })
    expect(requests[1].action).toBe('database.modifyDocument')
    expect(requests[1].body).not.toHaveProperty('transactionId')
  })
})

describe('responses the SDK parses', () => {
  const handle = (action: string, body: Record<string, unknown>) => env.local.db.handle(action, body)

  it('getDocument answers data.list of EJSON strings (Dates as $date)', async () => {
    await handle('database.insertDocument', { collectionName: 'todos', data: ['{"_id":"r1","at":{"$date":{"$numberLong":"7"}},"n":{"$numberInt":"1"}}'] })
    const answer = await handle('database.getDocument', { collectionName: 'todos', query: '{"_id":"r1"}', queryType: 'DOC' })
    expect(answer).toEqual({ requestId: expect.any(String), data: { list: ['{"_id":"r1","at":{"$date":{"$numberLong":"7"}},"n":1}'], limit: 100, offset: 0 } })
  })

  it('write actions answer data.insertedIds / data.updated (+ upsert_id) / data.deleted, count data.total', async () => {
    expect(await handle('database.insertDocument', { collectionName: 'todos', data: ['{"_id":"r2"}'] })).toMatchObject({ data: { insertedIds: ['r2'] } })
    const upsert = { collectionName: 'todos', queryType: 'DOC', query: '{"_id":"r3"}', data: '{"a":1}', merge: false, upsert: true, multi: false }
    expect(await handle('database.modifyDocument', upsert)).toMatchObject({ data: { updated: 0, upsert_id: 'r3' } })
    expect(await handle('database.modifyDocument', { ...upsert, data: '{"a":2}' })).toEqual({ requestId: expect.any(String), data: { updated: 1 } })
    expect(await handle('database.calculateDocument', { collectionName: 'todos', query: '{"_id":"r3"}' })).toMatchObject({ data: { total: 1 } })
    expect(await handle('database.removeDocument', { collectionName: 'todos', queryType: 'DOC', query: '{"_id":"r3"}' })).toMatchObject({ data: { deleted: 1 } })
  })

  it('startTransaction answers transactionId at the top level', async () => {
    const started = await handle('database.startTransaction', {})
    expect(started).toEqual({ requestId: expect.any(String), transactionId: expect.any(String) })
    expect(await handle('database.abortTransaction', { transactionId: Reflect.get(Object(started), 'transactionId') })).toEqual({ requestId: expect.any(String) })
  })

  it('errors are {code, message, requestId} (sent with HTTP 200)', async () => {
    expect(await handle('database.getDocument', { collectionName: 'nope' })).toEqual({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      message: expect.stringContaining('nope'),
      requestId: expect.any(String),
    })
    expect(await handle('database.somethingNew', {})).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('database.somethingNew') })
  })
})
