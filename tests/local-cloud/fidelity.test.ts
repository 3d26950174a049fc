/**
 * Cloud-database behaviours of architecture.md §3, driven through the real wx-server-sdk 4.0.2
 * against the local cloud on 127.0.0.1 (ephemeral port, fresh data directory).
 */
import { rejectionOf, startDbCloud, type DbCloud, type WxDb } from './support/cloud'

jest.setTimeout(60_000)

let env: DbCloud
let db: WxDb
let _: WxDb

beforeAll(async () => {
  env = await startDbCloud()
  db = env.db
  _ = db.command
})

afterAll(() => env.cleanup())

const ids = (list: Array<{ _id: string }>): string[] => list.map((doc) => doc._id)

describe('strict collections', () => {
  it('answers -502005 for a collection no manifest declares, on every kind of call', async () => {
    const ghost = db.collection('not_in_any_manifest')
    for (const call of [
      ghost.get(),
      ghost.add({ data: { a: 1 } }),
      ghost.doc('x').update({ data: { a: 1 } }),
      ghost.doc('x').set({ data: { a: 1 } }),
      ghost.where({ a: 1 }).remove(),
      ghost.count(),
    ]) {
      expect(await rejectionOf(call)).toMatchObject({ errCode: -502005 })
    }
    // wx-server-sdk's aggregate().end() skips the code → errCode mapping: errCode -1, the TCB code stays on `code`
    expect(await rejectionOf(ghost.aggregate().match({ a: 1 }).end())).toMatchObject({ errCode: -1, code: 'DATABASE_COLLECTION_NOT_EXIST' })
  })

  it('refuses a $lookup into an undeclared collection', async () => {
    const err = await rejectionOf(db.collection('todos').aggregate().lookup({ from: 'ghosts', localField: 'owner', foreignField: '_id', as: 'g' }).end())
    expect(err).toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
  })

  it('does not let createCollection add one', async () => {
    await expect(db.createCollection('made_up')).rejects.toMatchObject({ errMsg: expect.stringContaining('database/*.json') })
    expect(await rejectionOf(db.collection('made_up').get())).toMatchObject({ errCode: -502005 })
  })
})

describe('documents', () => {
  it('gives new documents an opaque 32-hex _id, and keeps a given one', async () => {
    const a = await db.collection('todos').add({ data: { title: 'a' } })
    const b = await db.collection('todos').add({ data: { title: 'b' } })
    expect(a._id).toMatch(/^[0-9a-f]{32}$/)
    expect(b._id).not.toBe(a._id)
    const given = await db.collection('todos').add({ data: { _id: 'my-own-id', title: 'c' } })
    expect(given._id).toBe('my-own-id')
    expect((await db.collection('todos').doc('my-own-id').get()).data.title).toBe('c')
  })

  it('refuses a second document with a taken _id (E11000)', async () => {
    await db.collection('todos').add({ data: { _id: 'taken', title: 'first' } })
    const err = await rejectionOf(db.collection('todos').add({ data: { _id: 'taken', title: 'second' } }))
    expect(err).toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000 duplicate key') })
    expect((await db.collection('todos').doc('taken').get()).data.title).toBe('first')
  })

  it('does not add _openid: the server SDK writes exactly what it is given', async () => {
    process.env.WX_OPENID = 'someone-calling'
    try {
      const { _id } = await db.collection('todos').add({ data: { title: 'no owner field' } })
      const { data } = await db.collection('todos').doc(_id).get()
      expect(Object.keys(data).sort()).toEqual(['_id', 'title'])
    } finally {
      delete process.env.WX_OPENID
    }
  })

  it('resolves serverDate on the server, offset included, on insert and on update', async () => {
    const before = Date.now()
    const { _id } = await db.collection('todos').add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } })
    const after = Date.now()
    const { data } = await db.collection('todos').doc(_id).get()
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(data.at.getTime()).toBeLessThanOrEqual(after)
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000)

    await db.collection('todos').doc(_id).update({ data: { touched: db.serverDate() } })
    const updated = (await db.collection('todos').doc(_id).get()).data
    expect(updated.touched).toBeInstanceOf(Date)
    expect(updated.touched.getTime()).toBeGreaterThanOrEqual(after)
  })

  it('keeps Dates as Dates and compares them in queries', async () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, d))
    await db.collection('todos').add({ data: [1, 2, 3, 4].map((d) => ({ suite: 'dates', due: day(d) })) })
    const { data } = await db.collection('todos').where({ suite: 'dates', due: _.gte(day(2)).and(_.lt(day(4))) }).orderBy('due', 'asc').get()
    expect(data.map((doc: { due: Date }) => doc.due)).toEqual([day(2), day(3)])
    expect(data[0].due).toBeInstanceOf(Date)
  })

  it('matches regular expressions, from db.RegExp and from JS literals', async () => {
    await db.collection('todos').add({ data: [{ suite: 're', title: 'Buy milk' }, { suite: 're', title: 'buy bread' }, { suite: 're', title: 'sell milk' }] })
    const caseless = await db.collection('todos').where({ suite: 're', title: db.RegExp({ regexp: '^buy', options: 'i' }) }).get()
    expect(caseless.data.map((d: { title: string }) => d.title).sort()).toEqual(['Buy milk', 'buy bread'])
    const literal = await db.collection('todos').where({ suite: 're', title: /milk$/ }).get()
    expect(literal.data).toHaveLength(2)
  })

  it('returns only the fields asked for with field()', async () => {
    const { _id } = await db.collection('todos').add({ data: { title: 't', secret: 's', n: 1 } })
    expect((await db.collection('todos').doc(_id).field({ title: true }).get()).data).toEqual({ _id, title: 't' })
    const listed = await db.collection('todos').where({ _id }).field({ secret: false }).get()
    expect(listed.data).toEqual([{ _id, title: 't', n: 1 }])
  })

  it('refuses operators smuggled into document data, and writes nothing', async () => {
    const err = await rejectionOf(db.collection('todos').add({ data: { suite: 'smuggle', name: { $gt: '' } } }))
    expect(err).toMatchObject({ errCode: -501007, errMsg: expect.stringContaining('must not start with "$"') })
    expect((await db.collection('todos').where({ suite: 'smuggle' }).count()).total).toBe(0)
  })
})

describe('update and set', () => {
  it('updates 0 documents when the document does not exist, and creates nothing', async () => {
    const res = await db.collection('todos').doc('never-created').update({ data: { title: 'x' } })
    expect(res.stats.updated).toBe(0)
    await expect(db.collection('todos').doc('never-created').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
    expect((await db.collection('todos').where({ _id: 'missing-too' }).update({ data: { a: 1 } })).stats.updated).toBe(0)
  })

  it('set upserts a missing document, then replaces it whole', async () => {
    const first = await db.collection('todos').doc('set-me').set({ data: { a: 1, b: 2 } })
    expect(first.stats).toEqual({ updated: 0, created: 1 })
    const second = await db.collection('todos').doc('set-me').set({ data: { a: 5 } })
    expect(second.stats).toEqual({ updated: 1, created: 0 })
    expect((await db.collection('todos').doc('set-me').get()).data).toEqual({ _id: 'set-me', a: 5 })
  })

  it('applies MongoDB update operators', async () => {
    await db.collection('todos').doc('ops').set({
      data: { n: 10, price: 3, old: 'x', lowest: 5, highest: 5, tags: ['a', 'b', 'c'], set: ['a'], queue: [1, 2, 3], nested: { deep: 1 } },
    })
    await db.collection('todos').doc('ops').update({
      data: {
        n: _.inc(5),
        price: _.mul(2),
        old: _.remove(),
        lowest: _.min(1),
        highest: _.max(9),
        tags: _.pull('b'),
        set: _.addToSet('a'),
        queue: _.shift(),
        nested: { deep: 2, added: true },
        renamed: _.set({ whole: 'object' }),
      },
    })
    await db.collection('todos').doc('ops').update({ data: { tags: _.push(['z']), queue: _.unshift([0]), set: _.addToSet('b') } })
    const { data } = await db.collection('todos').doc('ops').get()
    expect(data).toEqual({
      _id: 'ops',
      n: 15,
      price: 6,
      lowest: 1,
      highest: 9,
      tags: ['a', 'c', 'z'],
      set: ['a', 'b'],
      queue: [0, 2, 3],
      nested: { deep: 2, added: true },
      renamed: { whole: 'object' },
    })
  })

  it('where().update() changes every matching document and reports how many', async () => {
    await db.collection('todos').add({
      data: [
        { suite: 'multi', status: 'open', n: 1 },
        { suite: 'multi', status: 'open', n: 2 },
        { suite: 'multi', status: 'open', n: 3 },
        { suite: 'multi', status: 'closed', n: 4 },
      ],
    })
    const res = await db.collection('todos').where({ suite: 'multi', status: 'open' }).update({ data: { status: 'done', n: _.inc(10) } })
    expect(res.stats.updated).toBe(3)
    const { data } = await db.collection('todos').where({ suite: 'multi' }).orderBy('n', 'asc').get()
    expect(data.map((d: { status: string; n: number }) => [d.status, d.n])).toEqual([['closed', 4], ['done', 11], ['done', 12], ['done', 13]])
  })

  it('where().remove() removes every matching document', async () => {
    await db.collection('todos').add({ data: [{ suite: 'rm', keep: false }, { suite: 'rm', keep: false }, { suite: 'rm', keep: true }] })
    expect((await db.collection('todos').where({ suite: 'rm', keep: false }).remove()).stats.removed).toBe(2)
    expect((await db.collection('todos').where({ suite: 'rm' }).count()).total).toBe(1)
  })
})

describe('queries', () => {
  it('has no order without orderBy (a fixed hash order, not insertion order), and sorts by several keys with it', async () => {
    const docs = Array.from({ length: 20 }, (_unused, i) => ({
      _id: `ord-${String(i).padStart(2, '0')}`,
      suite: 'order',
      rank: i % 3,
      createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
    }))
    await db.collection('todos').add({ data: docs })
    const inserted = docs.map((d) => d._id)

    const plain = ids((await db.collection('todos').where({ suite: 'order' }).get()).data)
    expect(plain.slice().sort()).toEqual(inserted)
    expect(plain).not.toEqual(inserted)
    expect(ids((await db.collection('todos').where({ suite: 'order' }).get()).data)).toEqual(plain)

    const byDate = await db.collection('todos').where({ suite: 'order' }).orderBy('createdAt', 'asc').get()
    expect(ids(byDate.data)).toEqual(inserted)

    const byRankThenNewest = await db.collection('todos').where({ suite: 'order' }).orderBy('rank', 'asc').orderBy('createdAt', 'desc').get()
    const expected = docs
      .slice()
      .sort((a, b) => a.rank - b.rank || b.createdAt.getTime() - a.createdAt.getTime())
      .map((d) => d._id)
    expect(ids(byRankThenNewest.data)).toEqual(expected)
  })

  it('pages with skip and limit, 100 by default and at most 1000', async () => {
    const many = Array.from({ length: 1100 }, (_unused, i) => ({ group: 'paging', n: i }))
    await db.collection('items').add({ data: many })
    const query = db.collection('items').where({ group: 'paging' })
    expect((await query.get()).data).toHaveLength(100)
    expect((await query.limit(2000).get()).data).toHaveLength(1000)
    const lastPage = await query.orderBy('n', 'asc').skip(1050).limit(100).get()
    expect(lastPage.data.map((d: { n: number }) => d.n)).toEqual(Array.from({ length: 50 }, (_unused, i) => 1050 + i))
    expect((await query.count()).total).toBe(1100)
  })

  it('counts the documents a where() matches', async () => {
    await db.collection('todos').add({ data: [{ suite: 'count', n: 1 }, { suite: 'count', n: 2 }, { suite: 'count', n: 3 }] })
    expect((await db.collection('todos').where({ suite: 'count', n: _.gt(1) }).count()).total).toBe(2)
  })

  it('runs aggregation pipelines: match, group, sort, project, lookup', async () => {
    await db.collection('accounts').add({ data: [{ _id: 'agg-ann', name: 'Ann' }, { _id: 'agg-bob', name: 'Bob' }] })
    await db.collection('todos').add({
      data: [
        { suite: 'agg', owner: 'agg-ann', hours: 2 },
        { suite: 'agg', owner: 'agg-ann', hours: 3 },
        { suite: 'agg', owner: 'agg-bob', hours: 4 },
      ],
    })
    const $ = _.aggregate
    const { list } = await db
      .collection('todos')
      .aggregate()
      .match({ suite: 'agg' })
      .group({ _id: '$owner', hours: $.sum('$hours'), tasks: $.sum(1) })
      .lookup({ from: 'accounts', localField: '_id', foreignField: '_id', as: 'who' })
      .project({ _id: 0, owner: $.arrayElemAt(['$who.name', 0]), hours: 1, tasks: 1 })
      .sort({ hours: -1 })
      .end()
    expect(list).toEqual([
      { owner: 'Ann', hours: 5, tasks: 2 },
      { owner: 'Bob', hours: 4, tasks: 1 },
    ])
  })

  it('gives the same answers through a manifest index as by scanning', async () => {
    // items has the index (group, n); places has none. Same data in both, same queries.
    const rows = [
      { group: 'g1', n: 1 },
      { group: 'g1', n: 2 },
      { group: 'g1', n: 3, when: new Date(5) },
      { group: 'g2', n: 2 },
      { group: ['g1', 'g3'], n: 2 },
      { group: null, n: 1 },
      { n: 1 },
      { group: 'g1', n: [2, 9] },
      { group: { nested: 'g1' }, n: 2 },
      { group: new Date(7), n: 2 },
      { group: 2, n: 2 },
      { group: '2', n: 2 },
    ].map((row, i) => ({ _id: `eq-${i}`, suite: 'index-eq', ...row }))
    await db.collection('items').add({ data: rows })
    await db.collection('places').add({ data: rows })
    const queries = [
      { group: 'g1' },
      { group: 'g1', n: 2 },
      { group: 'g3' },
      { group: null },
      { group: _.eq(null), n: 1 },
      { group: _.in(['g1', 'g2']), n: 2 },
      { group: _.in(['g2', null]) },
      { group: 'g1', n: _.gt(1) },
      { group: new Date(7) },
      { group: 2 },
      { group: '2' },
      { group: _.exists(false) },
      { group: 'g1', n: 9 },
      { group: /^g/ },
      _.or([{ group: 'g2' }, { n: 3 }]),
    ]
    for (const where of queries) {
      const both = _.and([{ suite: 'index-eq' }, where])
      const indexed = ids((await db.collection('items').where(both).limit(100).get()).data)
      const scanned = ids((await db.collection('places').where(both).limit(100).get()).data)
      expect({ where: JSON.stringify(where), ids: indexed.sort() }).toEqual({ where: JSON.stringify(where), ids: scanned.sort() })
    }
  })
})

describe('unsupported features fail loudly', () => {
  const point = () => db.Geo.Point(116.4, 39.9)

  it('refuses geo queries instead of matching nothing', async () => {
    await db.collection('places').add({ data: { suite: 'geo', loc: point() } })
    const polygon = db.Geo.Polygon([db.Geo.LineString([db.Geo.Point(0, 0), db.Geo.Point(1, 0), db.Geo.Point(1, 1), db.Geo.Point(0, 0)])])
    for (const where of [
      { loc: _.geoNear({ geometry: point(), maxDistance: 1000 }) },
      { loc: _.geoWithin({ geometry: polygon }) },
      { loc: _.geoIntersects({ geometry: polygon }) },
    ]) {
      const err = await rejectionOf(db.collection('places').where(where).get())
      expect(err).toMatchObject({ errCode: -502002, errMsg: expect.stringContaining('geo queries are not supported') })
    }
    const stage = await rejectionOf(db.collection('places').aggregate().geoNear({ near: point(), distanceField: 'd' }).end())
    expect(stage).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR', errMsg: expect.stringContaining('$geoNear') })
  })

  it('refuses $text search', async () => {
    const err = await rejectionOf(db.collection('todos').where({ $text: { $search: 'milk' } }).get())
    expect(err).toMatchObject({ errCode: -502002, errMsg: expect.stringContaining('full-text search is not supported') })
  })

  it('has no watch() on the server SDK', () => {
    expect(() => db.collection('todos').where({}).watch({ onChange: () => undefined, onError: () => undefined })).toThrow(TypeError)
  })
})

describe('unique indexes', () => {
  it('refuses a duplicate key on add, on update and on where().update, and changes nothing', async () => {
    const invites = db.collection('invites')
    await invites.add({ data: { _id: 'inv-a', code: 'A' } })
    expect(await rejectionOf(invites.add({ data: { code: 'A' } }))).toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000') })
    await invites.add({ data: { _id: 'inv-b', code: 'B' } })
    expect(await rejectionOf(invites.doc('inv-b').update({ data: { code: 'A' } }))).toMatchObject({ errCode: -502001 })
    expect((await invites.doc('inv-b').get()).data.code).toBe('B')

    await invites.add({ data: [{ _id: 'inv-c', code: 'C', batch: 1 }, { _id: 'inv-d', code: 'D', batch: 1 }] })
    expect(await rejectionOf(invites.where({ batch: 1 }).update({ data: { code: 'same' } }))).toMatchObject({ errCode: -502001 })
    const batch = await invites.where({ batch: 1 }).orderBy('code', 'asc').get()
    expect(batch.data.map((d: { code: string }) => d.code)).toEqual(['C', 'D'])
  })

  it('counts a missing field as null, like MongoDB', async () => {
    await db.collection('invites').add({ data: { _id: 'no-code-1' } })
    expect(await rejectionOf(db.collection('invites').add({ data: { _id: 'no-code-2' } }))).toMatchObject({ errCode: -502001 })
  })
})

describe('transactions', () => {
  const accounts = () => db.collection('accounts')

  it('commits several single-document writes together', async () => {
    await accounts().doc('alice').set({ data: { balance: 100 } })
    await accounts().doc('bob').set({ data: { balance: 0 } })
    const moved = await db.runTransaction(async (t: WxDb) => {
      const from = (await t.collection('accounts').doc('alice').get()).data
      await t.collection('accounts').doc('alice').update({ data: { balance: from.balance - 30 } })
      await t.collection('accounts').doc('bob').update({ data: { balance: _.inc(30) } })
      await t.collection('accounts').add({ data: { _id: 'transfer-1', amount: 30 } })
      return 30
    })
    expect(moved).toBe(30)
    expect((await accounts().doc('alice').get()).data.balance).toBe(70)
    expect((await accounts().doc('bob').get()).data.balance).toBe(30)
    expect((await accounts().doc('transfer-1').get()).data.amount).toBe(30)
  })

  it('only takes single-document operations', async () => {
    const t = await db.startTransaction()
    expect(await rejectionOf(t.collection('accounts').where({ balance: 0 }).get())).toMatchObject({
      errMsg: expect.stringContaining('single-document operations'),
    })
    expect(await rejectionOf(t.collection('accounts').add({ data: [{ a: 1 }, { a: 2 }] }))).toMatchObject({
      errMsg: expect.stringContaining('single-document operations'),
    })
    await t.rollback()
  })

  it('reads a snapshot taken at its start, plus its own writes; others see nothing until commit', async () => {
    await accounts().doc('snap').set({ data: { v: 1 } })
    const t = await db.startTransaction()
    expect((await t.collection('accounts').doc('snap').get()).data.v).toBe(1)

    await accounts().doc('snap').update({ data: { v: 2 } })
    await accounts().add({ data: { _id: 'born-after-start' } })
    expect((await t.collection('accounts').doc('snap').get()).data.v).toBe(1)
    await expect(t.collection('accounts').doc('born-after-start').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })

    await t.collection('accounts').doc('tx-only').set({ data: { mine: true } })
    expect((await t.collection('accounts').doc('tx-only').get()).data.mine).toBe(true)
    await expect(accounts().doc('tx-only').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })

    await t.rollback()
    await expect(accounts().doc('tx-only').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
  })

  it('sees a deletion made before it started, and not one made after', async () => {
    await accounts().doc('doomed').set({ data: { v: 1 } })
    const early = await db.startTransaction()
    await accounts().doc('doomed').remove()
    const late = await db.startTransaction()
    expect((await early.collection('accounts').doc('doomed').get()).data.v).toBe(1)
    await expect(late.collection('accounts').doc('doomed').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
    await early.rollback()
    await late.rollback()
  })

  it('fails the later of two transactions writing the same document with DATABASE_TRANSACTION_CONFLICT', async () => {
    await accounts().doc('contested').set({ data: { v: 0 } })
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first.collection('accounts').doc('contested').update({ data: { v: 1 } })
    await second.collection('accounts').doc('contested').update({ data: { v: 2 } })
    await first.commit()
    expect(await rejectionOf(second.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await accounts().doc('contested').get()).data.v).toBe(1)
  })

  it('conflicts with a plain write made after it started', async () => {
    await accounts().doc('raced').set({ data: { v: 0 } })
    const t = await db.startTransaction()
    await t.collection('accounts').doc('raced').update({ data: { v: _.inc(1) } })
    await accounts().doc('raced').update({ data: { v: 100 } })
    expect(await rejectionOf(t.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await accounts().doc('raced').get()).data.v).toBe(100)
  })

  it('lets runTransaction retry a conflict, so no increment is lost', async () => {
    await accounts().doc('counter').set({ data: { n: 0 } })
    let runs = 0
    let reads = 0
    let bothRead: () => void = () => undefined
    const barrier = new Promise<void>((resolve) => (bothRead = resolve))
    const bump = () =>
      db.runTransaction(async (t: WxDb) => {
        runs++
        const { data } = await t.collection('accounts').doc('counter').get()
        reads++
        if (reads === 2) bothRead()
        if (reads <= 2) await barrier // both first attempts read n = 0 before either commits
        await t.collection('accounts').doc('counter').update({ data: { n: data.n + 1 } })
      })
    await Promise.all([bump(), bump()])
    expect((await accounts().doc('counter').get()).data.n).toBe(2)
    expect(runs).toBe(3)
  })

  it('discards every write when the callback rolls back', async () => {
    await accounts().doc('keep').set({ data: { v: 'before' } })
    const err = await rejectionOf(
      db.runTransaction(async (t: WxDb) => {
        await t.collection('accounts').doc('keep').update({ data: { v: 'after' } })
        await t.collection('accounts').add({ data: { _id: 'never' } })
        await t.rollback('changed my mind')
      }),
    )
    expect(err).toBe('changed my mind')
    expect((await accounts().doc('keep').get()).data.v).toBe('before')
    await expect(accounts().doc('never').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
  })

  it('enforces unique indexes on commit', async () => {
    await db.collection('invites').add({ data: { _id: 'tx-inv', code: 'TX' } })
    const err = await rejectionOf(
      db.runTransaction(async (t: WxDb) => {
        await t.collection('invites').add({ data: { code: 'TX' } })
      }),
    )
    expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('E11000') })
    expect((await db.collection('invites').where({ code: 'TX' }).count()).total).toBe(1)
  })
})
