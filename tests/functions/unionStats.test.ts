import ExcelJS from 'exceljs'
import { z } from 'zod'
import { aidActions } from '../../shared/aid/actions'
import { TZ, dayjs, inChina } from '../../shared/date'
import { eventsActions } from '../../shared/events/actions'
import { membershipActions } from '../../shared/membership/actions'
import { reviewActions } from '../../shared/requests/actions'
import { statsActions } from '../../shared/stats/actions'
import type { YearFigures } from '../../shared/stats/figures'
import { creditCodeCheckChar, unionActions } from '../../shared/union'
import { prepareDemo } from '../../local-cloud/demo'
import { listMovableEvents } from '../../local-cloud/demo/clock'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { role } from '../helpers/roles'
import { adminDb } from './adminDb'
import { generateMembers } from '../helpers/statsMembers'
import { rebuildSlice } from '../../server/stats/rebuild'

/**
 * 年度数据 on 10,000 generated members: the running totals the functions keep (server/stats/tally.ts)
 * after a mix of real actions equal the records counted directly, and equal a rebuild from the records.
 */
jest.setTimeout(300_000)

const ROOT = 'stats-root'
const WANG = 'demo-worker'
const CHAIR = 'demo-chair'
const STAFF = 'demo-staff'
const YEAR = inChina(new Date()).year()
const MEMBERS = 10_000
const GEN_UNIONS = 30
/** the small union dissolved in the test: its members move to the street federation */
const SMALL = 'u-gen-00'
const SMALL_SIZE = 25

let cloud: TestCloud
const savedEnv = { ...process.env }

/**
 * 本年新入会农民工 counted from the stints: 农民工 stints under `unionId` that began the membership
 * (入会时间 = the stint's start) in `year`, China time; read a page at a time on an `_id` cursor.
 */
async function newMigrants(unionId: string, year = YEAR): Promise<number> {
  const { db } = adminDb()
  const _ = db.command
  const start = dayjs.tz(`${year}-01-01`, TZ).toDate()
  const end = dayjs.tz(`${year + 1}-01-01`, TZ).toDate()
  const Stint = z.object({ _id: z.string(), joinedAt: z.date(), from: z.date() })
  let after = ''
  let n = 0
  for (;;) {
    const where = { unionPath: unionId, migrant: true, joinedAt: _.and([_.gte(start), _.lt(end)]), ...(after ? { _id: _.gt(after) } : {}) }
    const page = z.object({ data: z.array(Stint) }).parse(await db.collection('memberships').where(where).orderBy('_id', 'asc').limit(100).get()).data
    n += page.filter((s) => s.joinedAt.getTime() === s.from.getTime()).length
    if (page.length < 100) return n
    after = page[page.length - 1]._id
  }
}

/** stats.rebuild called again and again with the runId it answered, as any caller must, until it answers done. */
async function rebuildThrough(): Promise<{ members: number; calls: number }> {
  let p = dataOf(await cloud.callAction(ROOT, statsActions.rebuild, {}))
  let calls = 1
  while (!p.done) {
    p = dataOf(await cloud.callAction(ROOT, statsActions.rebuild, { runId: p.runId }))
    calls += 1
  }
  return { members: p.members, calls }
}

const figures = async (unionId: string, year = YEAR): Promise<YearFigures> => dataOf(await cloud.callAction(ROOT, unionActions.yearFigures, { unionId, year }))

const creditCode = (tail: string) => {
  const first = `91110105MA01${tail}`
  return first + creditCodeCheckChar(first)
}

beforeAll(async () => {
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud({ seed: true, devLogin: true })
  expect(await prepareDemo(cloud)).toMatch(/^演示数据已准备/)
  await adminDb().db.collection('roles').add({ data: [role(ROOT, 'u-district', 'staff', ['u-district'])] })
  await generateMembers(adminDb().db, { members: MEMBERS, unions: GEN_UNIONS, small: SMALL_SIZE })
  // the generated records came in behind the functions' backs: count them once, as a deployment would,
  // through stats.rebuild itself, a slice per call within its 20 s (bench/stats-rebuild.ts times the calls)
  const rebuilt = await rebuildThrough()
  expect(rebuilt.members).toBeGreaterThanOrEqual(MEMBERS)
}, 300_000)
afterAll(async () => {
  await cloud.cleanup()
  process.env = savedEnv
})

describe('年度数据 from running totals', () => {
  let before: YearFigures
  let after: YearFigures

  it('keeps the figures through a mix of real actions, equal to the records counted directly', async () => {
    before = await figures('u-district')
    expect(before.members.total).toBeGreaterThan(9000)

    // 建会登记
    dataOf(
      await cloud.callAction(STAFF, unionActions.registerUnion, {
        parentId: 'u-street-wangjing',
        name: '统计测试公司工会',
        employer: '北京统计测试有限公司',
        creditCode: creditCode('77001'),
        address: '北京市朝阳区望京街1号',
        region: '望京街道',
        industry: '信息技术',
        employeeCount: 80,
      }),
    )
    // 入会: the chair approves 陈丽's waiting application; she answered 是 to 农民工 when she applied
    await adminDb().db.collection('membership_applications').doc('app-mj-seed-chenli').update({ data: { migrant: true } })
    const pending = dataOf(await cloud.callAction(CHAIR, reviewActions.listPending, { limit: 20 })).items.find((i) => i.kind === 'membership.join')
    if (!pending) throw new Error('no waiting join request in the seed')
    const { request } = dataOf(await cloud.callAction(CHAIR, reviewActions.getRequest, { requestId: pending.id }))
    dataOf(await cloud.callAction(CHAIR, reviewActions.act, { requestId: pending.id, decision: 'approve', expectedVersion: request.version }))
    // 签到 at the event under way, then 王芳 leaves her union (退会)
    const underWay = (await listMovableEvents()).find((e) => e.title === '职工书法摄影作品展')
    if (!underWay) throw new Error('no event under way in the demo')
    const pass = dataOf(await cloud.callAction(WANG, eventsActions.eventPass, { eventId: underWay._id }))
    dataOf(await cloud.callAction(STAFF, eventsActions.checkIn, { token: pass.token }))
    dataOf(await cloud.callAction(WANG, membershipActions.leaveUnion, { confirm: true, reason: '' }))
    // the event ends: the hourly timer closes it (one 场次)
    await adminDb().db.collection('events').doc(underWay._id).update({ data: { endAt: new Date(Date.now() - 60_000) } })
    const timer = await cloud.invokeTimer('events', 'eventsHourly')
    const closed = z.object({ ok: z.literal(true), data: z.object({ closed: z.number() }) }).parse(timer).data.closed
    expect(closed).toBeGreaterThanOrEqual(1)
    // 发放 of the demo's 金秋助学 past its 公示
    const toPay = dataOf(await cloud.callAction(STAFF, aidActions.listForPayment, {})).items[0]
    dataOf(await cloud.callAction(STAFF, aidActions.recordPayment, { applicationId: toPay.id, reference: 'TX-STATS-0001' }))
    // 注销 of a small union: its members move up to the street federation, a page per call
    // (a call that outlives its 5 s on the busy machine is simply made again: each member moves in its own transaction)
    for (let call = 0; call < 20; call++) {
      const progress = await cloud.callAction(STAFF, unionActions.dissolveUnion, { unionId: SMALL, members: 'parent', reason: '单位注销' }).catch(() => null)
      if (progress?.ok && progress.data.done) break
    }

    after = await figures('u-district')
    expect(after.unions.new - before.unions.new).toBe(1)
    expect(after.unions.dissolved - before.unions.dissolved).toBe(1)
    expect(after.members.new - before.members.new).toBe(1)
    expect(after.members.migrantsNew - before.members.migrantsNew).toBe(1)
    expect(after.members.migrants - before.members.migrants).toBe(1)
    expect(after.members.left - before.members.left).toBe(1)
    // inside the district a dissolution moves people, it does not add or lose any
    expect(after.members.total - before.members.total).toBe(0)
    expect(after.transfers.in - before.transfers.in).toBe(SMALL_SIZE)
    expect(after.transfers.out - before.transfers.out).toBe(SMALL_SIZE)
    expect(after.school.reduce((s, x) => s + x.students, 0) - before.school.reduce((s, x) => s + x.students, 0)).toBe(1)
    expect(after.aid.find((a) => a.scheme === 'school')?.persons).toBe((before.aid.find((a) => a.scheme === 'school')?.persons ?? 0) + 1)
    const sports = (f: YearFigures) => f.events.reduce((s, e) => s + e.attendance, 0)
    expect(sports(after) - sports(before)).toBe(1)
    expect(after.events.reduce((s, e) => s + e.sessions, 0) - before.events.reduce((s, e) => s + e.sessions, 0)).toBe(closed)

    // counted straight from the records
    const { count } = adminDb()
    const _ = adminDb().db.command
    expect(after.members.total).toBe(await count('memberships', { unionPath: 'u-district', status: _.in(['active', 'retained']) }))
    expect(before.members.migrants).toBeGreaterThan(1000)
    expect(after.members.migrants).toBe(await count('memberships', { unionPath: 'u-district', status: _.in(['active', 'retained']), migrant: true }))
    expect(after.members.migrantsNew).toBe(await newMigrants('u-district'))
    // the generated members who joined this year all came by transfer: last year has generated 新入会农民工
    const lastYear = await figures('u-district', YEAR - 1)
    expect(lastYear.members.migrantsNew).toBe(await newMigrants('u-district', YEAR - 1))
    expect(lastYear.members.migrantsNew).toBeGreaterThan(10)
    expect(await count('memberships', { openid: 'seed-chenli', status: 'active', migrant: true })).toBe(1)
    expect(after.unions.total).toBe(await count('unions', { path: 'u-district', level: 'grassroots', dissolvedAt: null }))
    const street = await figures('u-street-wangjing')
    expect(street.members.total).toBe(await count('memberships', { unionPath: 'u-street-wangjing', status: _.in(['active', 'retained']) }))
    expect(street.members.migrants).toBe(await count('memberships', { unionPath: 'u-street-wangjing', status: _.in(['active', 'retained']), migrant: true }))
    expect(street.members.migrantsNew).toBe(await newMigrants('u-street-wangjing'))
    expect((await figures(SMALL)).members.total).toBe(0)
    // the 工作台 shows the same running totals: aid paid this year
    const desk = dataOf(await cloud.callAction(STAFF, unionActions.workbench, { unionId: 'u-street-wangjing' }))
    expect(desk.figures.aidPersons).toBe(street.aid.reduce((s, a) => s + a.persons, 0))
    expect(desk.figures.aidFen).toBe(street.aid.reduce((s, a) => s + a.fen, 0))
    expect(desk.figures.aidPersons).toBeGreaterThan(0)
    const one = await figures('u-gen-07')
    expect(one.members.total).toBe(await count('memberships', { unionId: 'u-gen-07', status: _.in(['active', 'retained']) }))
  })

  it('equals a rebuild from the records, for every union and year', async () => {
    const unions = ['u-district', 'u-street-wangjing', 'u-build', 'u-tech', SMALL, 'u-gen-07', `u-gen-${GEN_UNIONS - 1}`]
    const years = [YEAR, YEAR - 1, YEAR - 3, YEAR - 5]
    const running = new Map<string, YearFigures>()
    for (const u of unions) for (const y of years) running.set(`${u}:${y}`, await figures(u, y))
    expect((await rebuildThrough()).calls).toBeGreaterThan(1)
    for (const u of unions) for (const y of years) expect([`${u}:${y}`, await figures(u, y)]).toEqual([`${u}:${y}`, running.get(`${u}:${y}`)])
  })

  it('never shows half-rebuilt figures: the old ones until the swap, then the rebuilt ones', async () => {
    const truth = await figures('u-district')
    // figures gone wrong behind the records' back: a year nothing counts, a counter raised by hand
    const { db } = adminDb()
    await db.collection('union_stats').doc('u-district:2001').set({ data: { unionId: 'u-district', year: 2001, membersIn: 500 } })
    await db.collection('union_stats').doc(`u-district:${YEAR}`).update({ data: { membersIn: db.command.inc(7) } })
    const wrong = await figures('u-district')
    expect(wrong.members.total).toBe(truth.members.total + 507)
    // one step per call (no time to read on), the figures looked at between every two calls
    const seen = new Map<string, Set<number>>()
    let p = await rebuildSlice(db, { now: new Date(), budgetMs: 0 })
    while (!p.done) {
      const total = (await figures('u-district')).members.total
      seen.set(p.phase, (seen.get(p.phase) ?? new Set()).add(total))
      p = await rebuildSlice(db, { runId: p.runId, now: new Date(), budgetMs: 0 })
    }
    // while counting, the old figures; while the rebuilt documents go in place (prune, copy), the rebuilt ones whole
    expect([...(seen.get('stints') ?? [])]).toEqual([wrong.members.total])
    expect([...(seen.get('prune') ?? [])]).toEqual([truth.members.total])
    expect([...(seen.get('copy') ?? [])]).toEqual([truth.members.total])
    expect(await figures('u-district')).toEqual(truth)
    expect(await adminDb().count('union_stats', { _id: 'u-district:2001' })).toBe(0)
  })

  it('exports every table as XLSX', async () => {
    const file = dataOf(await cloud.callAction(STAFF, statsActions.exportYear, { unionId: 'u-street-wangjing', year: YEAR }))
    expect(file.fileName).toMatch(new RegExp(`-${YEAR}年度数据\\.xlsx$`))
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    // the 农民工会员 sheet carries the page's figures
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    const sheet = book.getWorksheet('农民工会员')
    if (!sheet) throw new Error('no 农民工会员 sheet')
    const head = z.array(z.unknown()).parse(sheet.getRow(2).values)
    const values = z.array(z.unknown()).parse(sheet.getRow(3).values)
    const street = await figures('u-street-wangjing')
    expect(values[head.indexOf('农民工会员总数')]).toBe(street.members.migrants)
    expect(values[head.indexOf('本年新入会农民工')]).toBe(street.members.migrantsNew)
    expect(street.members.migrants).toBeGreaterThan(0)
  })
})

describe('who may see and change 年度数据', () => {
  it('refuses members, officers of other unions, and staff outside their subtree', async () => {
    const refused = async (openid: string, unionId: string) => errorOf(await cloud.callAction(openid, unionActions.yearFigures, { unionId, year: YEAR })).code
    expect(await refused('seed-zhaomin', 'u-tech')).toBe('FORBIDDEN')
    expect(await refused(CHAIR, 'u-street-wangjing')).toBe('FORBIDDEN')
    expect(await refused(CHAIR, 'u-tech')).toBe('FORBIDDEN')
    expect(await refused(STAFF, 'u-street-jiuxianqiao')).toBe('FORBIDDEN')
    expect(await refused(STAFF, 'u-district')).toBe('FORBIDDEN')
    expect(await refused('nobody-at-all', 'u-build')).toBe('FORBIDDEN')
    expect(dataOf(await cloud.callAction(CHAIR, unionActions.yearFigures, { unionId: 'u-build', year: YEAR })).unionId).toBe('u-build')
    expect(errorOf(await cloud.callAction('seed-zhaomin', statsActions.exportYear, { unionId: 'u-tech', year: YEAR })).code).toBe('FORBIDDEN')
  })

  it('lets only the root federation staff rebuild', async () => {
    for (const openid of [WANG, CHAIR, STAFF, 'nobody-at-all']) expect(errorOf(await cloud.callAction(openid, statsActions.rebuild, {})).code).toBe('FORBIDDEN')
  })

  it('answers a clear message for a wrong year', async () => {
    const error = errorOf(await cloud.callAs(STAFF, 'union', 'yearFigures', { unionId: 'u-street-wangjing', year: 1900 }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields?.year).toBe('年份不正确')
  })
})
