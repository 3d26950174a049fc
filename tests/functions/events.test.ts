import ExcelJS from 'exceljs'
import { z } from 'zod'
import type { AnyAction, Envelope, InputOf, OutputOf } from '../../shared/contract'
import { role } from '../helpers/roles'
import { eventsActions, eventsExportActions } from '../../shared/events/actions'
import { EditView, type EventFieldsInput, type MySignupView } from '../../shared/events/schemas'
import { parseCheckInToken, PASS_TTL_SECONDS } from '../../shared/events/tokens'
import { notifyActions } from '../../shared/notify/actions'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { reviewActions } from '../../shared/requests/actions'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { issueCode, issuePass } from '../../server/events/tokens'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { adminDb } from './adminDb'
import { dataOf, errorOf } from '../helpers/envelopes'

/**
 * 工会活动 through the compiled `events` function on the local cloud, as the phones of chairs, federation
 * staff, members and a non-member would call it: publishing and editing, who sees what, who may sign up,
 * seats and the waiting queue (also under a rush of 500), teams, reviewed sign-ups, change and
 * cancellation notices, check-in, results, the participant lists and their exports.
 */

// Calls run on a shared, often busy machine: a test of a few calls gets this long; heavier ones say their own.
jest.setTimeout(30_000)

// Functions run in this process: give them the local cloud's dev keys, as the local cloud does for its own runs.
process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const TECH_PATH = ['u-district', 'u-street-wangjing', 'u-tech']
const FOOD_PATH = ['u-district', 'u-street-wangjing', 'u-food']
const BUILD = '北京某建筑工程有限公司工会'
const TECH = '北京某科技有限公司工会'

// the seeded personas (local-cloud/seed/core.ts, membership.ts)
const CHAIR = 'demo-chair' // 张建国, chair and member of 建筑公司工会, male, born 1975
const STAFF = 'demo-staff' // 陈静, staff of 望京街道工会联合会 (科技, 建筑, 餐饮 below it)
const WANG = 'demo-worker' // 王芳, member of 科技公司工会, female, born 1990
const LI = 'demo-migrant' // 李强, no membership
const LIU = 'seed-liuyang' // 刘洋, member of 建筑公司工会, male, born 1988
const ZHOU = 'seed-zhoujian' // 周健, member of 建筑公司工会, male, born 1986
const ZHAO = 'seed-zhaomin' // 赵敏, member of 科技公司工会, female, born 1992
const SUN = 'seed-sunwei' // 孙伟, member of 快递公司工会 (another street), male
// added here
const VICE = 'ev-vice' // vice-chair of 建筑公司工会
const TECH_CHAIR = 'ev-tech-chair' // chair of 科技公司工会
const GIG_STAFF = 'ev-gig-staff' // staff of 新就业形态工会联合会
const NO_GENDER = 'ev-food-nogender' // member of 餐饮公司工会 with no profile (no gender, no birth year)
const B = { mali: 'ev-mali', wugang: 'ev-wugang', zheng: 'ev-zheng', feng: 'ev-feng', he: 'ev-he', song: 'ev-song' }

/** The seed's made-up ID numbers: they must never leave the server unmasked. */
const SEED_IDS = ['11010519900512002', '41152619750803003', '13062819880214005', '11010819920930004', '34122119950101001', '37028419860611007', '51382219970419002'].map(
  (first17) => first17 + idCheckChar(first17),
)

const user = (openid: string, nickName: string) => ({ _id: openid, openid, nickName, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z') })
const profile = (openid: string, name: string, gender: 'male' | 'female', birthYear: number) => ({
  _id: openid,
  openid,
  name,
  phone: null,
  phoneVerified: false,
  idNumber: null,
  gender,
  birthYear,
  workerType: 'employee',
  employer: '北京某建筑工程有限公司',
  job: '工人',
  area: '望京街道',
  currentMembershipId: null,
  openRequest: null,
  requestSeq: 0,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  updatedAt: new Date('2024-01-01T00:00:00Z'),
})
const union = (_id: string, name: string, level: 'federation' | 'street' | 'grassroots', path: string[]) => ({
  _id,
  name,
  level,
  parentId: path.length > 1 ? path[path.length - 2] : null,
  path,
  region: '北京市朝阳区',
  employer: level === 'grassroots' ? name.replace(/工会$/, '') : '',
  acceptsGigWorkers: false,
  inviteCode: `T${_id.replace(/[^A-Za-z0-9]/g, '').slice(-5).toUpperCase()}`,
})

const TEMPLATE_IDS = { eventChange: 'tpl-event-change', eventSignup: 'tpl-event-signup', reviewTodo: 'tpl-review-todo', reviewResult: 'tpl-review-result' }

let cloud: TestCloud
/** every answer a phone got, swept for secrets at the end */
const answers: unknown[] = []
/** every exported file's text */
const exported: string[] = []

beforeAll(async () => {
  // each function under the time limit its config.json declares, as in production
  cloud = await startTestCloud({ seed: true })
  await cloud.db.seed({
    roles: [
      role(VICE, 'u-build', 'vice_chair', BUILD_PATH),
      role(TECH_CHAIR, 'u-tech', 'chair', TECH_PATH),
      role(GIG_STAFF, 'u-street-gig', 'staff', ['u-district', 'u-street-gig']),
      role(NO_GENDER, 'u-food', 'member', FOOD_PATH),
      ...Object.values(B).map((openid) => role(openid, 'u-build', 'member', BUILD_PATH)),
    ],
    users: [
      user(VICE, '刘副主席'),
      user(TECH_CHAIR, '钱主席'),
      user(GIG_STAFF, '周干事'),
      user(NO_GENDER, '钱多多'),
      user(B.mali, '马丽'),
      user(B.wugang, '吴刚'),
      user(B.zheng, '郑强'),
      user(B.feng, '冯雪'),
      user(B.he, '何平'),
      user(B.song, '宋佳'),
    ],
    member_profiles: [
      profile(B.mali, '马丽', 'female', 1996),
      profile(B.wugang, '吴刚', 'male', 1990),
      profile(B.zheng, '郑强', 'male', 1985),
      profile(B.feng, '冯雪', 'female', 1999),
      profile(B.he, '何平', 'male', 1992),
      profile(B.song, '宋佳', 'female', 1994),
    ],
    notify_config: [{ _id: 'templates', ids: TEMPLATE_IDS }],
  })
}, 60_000)
afterAll(() => cloud.cleanup())

// ---- calling -------------------------------------------------------------------------------

type EA = typeof eventsActions
/** Calls as a phone would; keeps the envelope exactly as the phone got it (for the sweep), and parses it with the contract. */
async function callRaw<A extends AnyAction>(openid: string, action: A, input: InputOf<A>): Promise<Envelope<OutputOf<A>>> {
  const envelope = await cloud.callAs(openid, action.fn, action.name, input)
  answers.push(envelope)
  if (!envelope.ok) return envelope
  const parsed = z.safeParse<A['output']>(action.output, envelope.data)
  if (!parsed.success) throw new Error(`${action.fn}.${action.name} answered outside its contract: ${parsed.error.message}\n${JSON.stringify(envelope.data).slice(0, 500)}`)
  return { ok: true, data: parsed.data }
}
const ev = <K extends keyof EA>(openid: string, name: K, input: InputOf<EA[K]>) => callRaw(openid, eventsActions[name], input)
/** 导出名单, a function of its own (eventsExport) */
const exp = (openid: string, input: InputOf<(typeof eventsExportActions)['exportParticipants']>) => callRaw(openid, eventsExportActions.exportParticipants, input)
/** a call with input the contract would not let a typed client send */
async function raw(openid: string, action: keyof EA, input: unknown) {
  const envelope = await cloud.callAs(openid, 'events', action, input)
  answers.push(envelope)
  return envelope
}
async function review<K extends 'act' | 'getRequest' | 'listPending'>(openid: string, name: K, input: InputOf<(typeof reviewActions)[K]>) {
  const envelope = await cloud.callAction(openid, reviewActions[name], input)
  answers.push(envelope)
  return envelope
}

// ---- the database as an operator sees it -----------------------------------------------------

const count = (collection: string, where: Record<string, unknown> = {}) => adminDb().count(collection, where)
const one = async (collection: string, _id: string) => (await adminDb().find(collection, { _id }))[0]
/** every matching document, 100 at a time in _id order */
async function findAll(collection: string, where: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const { db } = adminDb()
  const _ = db.command
  const Docs = z.object({ data: z.array(z.record(z.string(), z.unknown())) })
  const out: Array<Record<string, unknown>> = []
  let after = ''
  for (;;) {
    const page = Docs.parse(await db.collection(collection).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(100).get()).data
    out.push(...page)
    if (page.length < 100) return out
    after = String(page[page.length - 1]._id)
  }
}
const _in = (values: unknown[]) => adminDb().db.command.in(values)
/** the event's place counters (server/events/places.ts) */
const counters = async (eventId: string) => {
  const e = z.object({ taken: z.number(), waiting: z.number() }).parse(await one('events', eventId))
  return { taken: e.taken, waiting: e.waiting }
}
/** "time passes": moves an event's dates as the clock would, without the organiser editing it */
const moveEvent = (eventId: string, dates: Partial<Record<'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt', Date>>) =>
  adminDb().db.collection('events').doc(eventId).update({ data: dates })
/** how many SDK round trips `work` took, as the local cloud counts the requests it served (the cloud must be otherwise quiet) */
async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = cloud.adminRequests()
  const result = await work()
  return { result, trips: cloud.adminRequests() - before }
}
const inboxOf = (openid: string, template: string) => adminDb().find('inbox', { openid, template })
const outboxOf = (openid: string, template: string) => adminDb().find('outbox', { toOpenid: openid, template })

// ---- events --------------------------------------------------------------------------------

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** An event three days out, sign-up open since an hour ago until two days from now. */
function eventInput(over: Partial<EventFieldsInput> = {}): EventFieldsInput {
  const now = Date.now()
  return {
    title: '职工趣味运动会',
    kind: 'sports',
    place: '望京体育馆',
    description: '拔河、跳绳、接力跑',
    startAt: new Date(now + 3 * DAY),
    endAt: new Date(now + 3 * DAY + 3 * HOUR),
    signupOpensAt: new Date(now - HOUR),
    signupClosesAt: new Date(now + 2 * DAY),
    capacity: 20,
    ...over,
  }
}
async function draft(openid: string, unionId: string, over: Partial<EventFieldsInput> = {}) {
  return dataOf(await ev(openid, 'saveEvent', { unionId, event: eventInput(over) }))
}
/** saveEvent (a new draft) + publishEvent; returns the event id */
async function published(openid: string, unionId: string, over: Partial<EventFieldsInput> = {}): Promise<string> {
  const saved = await draft(openid, unionId, over)
  const done = dataOf(await ev(openid, 'publishEvent', { eventId: saved.eventId, expectedVersion: saved.version }))
  expect(done.status).toBe('published')
  return saved.eventId
}
const signUp = (openid: string, eventId: string, extra: Omit<InputOf<EA['signUp']>, 'eventId'> = {}) => ev(openid, 'signUp', { eventId, ...extra })
const mine = async (openid: string, eventId: string): Promise<MySignupView | null> => dataOf(await ev(openid, 'getEvent', { eventId })).my
/** every card a person can browse to, page by page */
async function browseAll(openid: string, input: Omit<InputOf<EA['browse']>, 'cursor'> = {}) {
  const cards = []
  let cursor: string | undefined
  for (let page = 0; page < 50; page++) {
    const got = dataOf(await ev(openid, 'browse', { ...input, ...(cursor ? { cursor } : {}) }))
    cards.push(...got.items)
    if (!got.nextCursor) return cards
    cursor = got.nextCursor
  }
  throw new Error('browse never ended')
}
async function editEvent(openid: string, eventId: string, change: (e: z.output<typeof EditView>['event']) => EventFieldsInput) {
  const seen = dataOf(await ev(openid, 'getForEdit', { eventId }))
  return ev(openid, 'saveEvent', { eventId, expectedVersion: seen.version, unionId: seen.unionId, event: change(seen.event) })
}

// ==============================================================================================

describe('发布活动: who may organise, what is checked, drafts and versions', () => {
  test('refuses everyone who does not organise the union, and stores nothing', async () => {
    const before = await count('events')
    const cases: Array<[string, string]> = [
      [WANG, 'u-tech'], // a member
      [LI, 'u-build'], // a non-member
      [CHAIR, 'u-tech'], // another union's chair
      [CHAIR, 'u-street-wangjing'], // the chair of a unit, for the federation above it
      [TECH_CHAIR, 'u-build'],
      [GIG_STAFF, 'u-build'], // staff of a sibling federation
      ['ev-nobody', 'u-build'],
    ]
    for (const [who, unionId] of cases) {
      const refused = errorOf(await ev(who, 'saveEvent', { unionId, event: eventInput() }))
      expect([who, unionId, refused.code]).toEqual([who, unionId, 'FORBIDDEN'])
    }
    expect(await count('events')).toBe(before)
  })

  test('the chair, a vice-chair and the staff of the federation above create drafts (version 1)', async () => {
    const byChair = await draft(CHAIR, 'u-build')
    expect(byChair).toMatchObject({ status: 'draft', version: 1, notified: 0 })
    expect(await draft(VICE, 'u-build')).toMatchObject({ status: 'draft', version: 1 })
    expect(await draft(STAFF, 'u-build')).toMatchObject({ status: 'draft', version: 1 })
    const subtree = await draft(STAFF, 'u-street-wangjing', { scope: 'subtree' })
    expect(await one('events', byChair.eventId)).toMatchObject({ unionId: 'u-build', unionName: BUILD, scopeKey: 'u:u-build', status: 'draft', createdBy: CHAIR, title: '职工趣味运动会', capacity: 20 })
    expect(await one('events', subtree.eventId)).toMatchObject({ unionId: 'u-street-wangjing', scopeKey: 't:u-street-wangjing', scope: 'subtree' })
  })

  test('a grassroots union cannot hold a subtree-wide event', async () => {
    const before = await count('events')
    const refused = errorOf(await ev(CHAIR, 'saveEvent', { unionId: 'u-build', event: eventInput({ scope: 'subtree' }) }))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.fields?.['event.scope']).toContain('基层工会')
    expect(await count('events')).toBe(before)
  })

  test('bad input is refused field by field in Chinese, and nothing is stored', async () => {
    const before = await count('events')
    const base = errorOf(await raw(CHAIR, 'saveEvent', { unionId: 'u-build', event: { ...eventInput(), title: '赛', kind: 'party', place: ' ', capacity: 0 } }))
    expect(base.code).toBe('INVALID_INPUT')
    expect(base.fields).toMatchObject({ 'event.title': '活动名称至少2个字', 'event.kind': '请选择活动类型', 'event.place': '请填写活动地点', 'event.capacity': '名额至少1个' })
    const now = Date.now()
    const cases: Array<[Partial<EventFieldsInput>, string, string]> = [
      [{ endAt: new Date(now + 3 * DAY - HOUR) }, 'event.endAt', '结束时间要晚于开始时间'],
      [{ signupClosesAt: new Date(now + 3 * DAY + HOUR) }, 'event.signupClosesAt', '报名截止时间不能晚于活动开始时间'],
      [{ mode: 'team' }, 'event.teamSize', '组队报名请填写每队人数'],
      [{ capacity: 2001 }, 'event.capacity', '名额最多2000个'],
      [{ fields: [{ key: 'f1', label: '尺码', type: 'choice', options: ['M'] }] }, 'event.fields.0.options', '单选项至少要有2个选项'],
    ]
    for (const [over, field, message] of cases) {
      const refused = errorOf(await raw(CHAIR, 'saveEvent', { unionId: 'u-build', event: eventInput(over) }))
      expect([refused.code, field, refused.fields?.[field]]).toEqual(['INVALID_INPUT', field, message])
    }
    const badUnion = errorOf(await raw(CHAIR, 'saveEvent', { unionId: 'u build!', event: eventInput() }))
    expect(badUnion.fields).toMatchObject({ unionId: '工会编号不正确' })
    expect(await count('events')).toBe(before)
  })

  test('a draft is NOT_FOUND to a worker until it is published', async () => {
    const saved = await draft(STAFF, 'u-street-wangjing', { scope: 'subtree', title: '望京职工健步走' })
    expect(errorOf(await ev(WANG, 'getEvent', { eventId: saved.eventId })).code).toBe('NOT_FOUND')
    expect((await browseAll(WANG, { limit: 50 })).map((c) => c.eventId)).not.toContain(saved.eventId)
    expect(dataOf(await ev(STAFF, 'getEvent', { eventId: saved.eventId }))).toMatchObject({ status: 'draft', canManage: true })
    // a worker cannot publish it, and neither can the chair of a unit inside it
    expect(errorOf(await ev(WANG, 'publishEvent', { eventId: saved.eventId, expectedVersion: 1 })).code).toBe('FORBIDDEN')
    expect(errorOf(await ev(CHAIR, 'publishEvent', { eventId: saved.eventId, expectedVersion: 1 })).code).toBe('FORBIDDEN')
    expect(await one('events', saved.eventId)).toMatchObject({ status: 'draft' })

    const done = dataOf(await ev(STAFF, 'publishEvent', { eventId: saved.eventId, expectedVersion: 1 }))
    expect(done).toMatchObject({ eventId: saved.eventId, status: 'published', version: 2 })
    expect(dataOf(await ev(WANG, 'getEvent', { eventId: saved.eventId }))).toMatchObject({ title: '望京职工健步走', status: 'published', statusLabel: '报名中', canManage: false, my: null })
    expect((await browseAll(WANG, { limit: 50 })).map((c) => c.eventId)).toContain(saved.eventId)
  })

  test('an edit needs the version last seen: a stale one is a CONFLICT and changes nothing', async () => {
    const saved = await draft(CHAIR, 'u-build', { title: '篮球友谊赛' })
    const edited = dataOf(await ev(CHAIR, 'saveEvent', { eventId: saved.eventId, expectedVersion: 1, unionId: 'u-build', event: eventInput({ title: '篮球友谊赛（第二场）' }) }))
    expect(edited).toMatchObject({ eventId: saved.eventId, version: 2, status: 'draft' })
    const stale = errorOf(await ev(VICE, 'saveEvent', { eventId: saved.eventId, expectedVersion: 1, unionId: 'u-build', event: eventInput({ title: '篮球赛改期' }) }))
    expect(stale.code).toBe('CONFLICT')
    const noVersion = errorOf(await ev(CHAIR, 'saveEvent', { eventId: saved.eventId, unionId: 'u-build', event: eventInput({ title: '篮球赛改期' }) }))
    expect(noVersion).toMatchObject({ code: 'INVALID_INPUT', fields: { expectedVersion: expect.any(String) } })
    expect(await one('events', saved.eventId)).toMatchObject({ title: '篮球友谊赛（第二场）', version: 2 })
    expect(dataOf(await ev(CHAIR, 'getForEdit', { eventId: saved.eventId }))).toMatchObject({ version: 2, unionId: 'u-build', status: 'draft', event: { title: '篮球友谊赛（第二场）' } })
    // publishing on the old version is refused too
    expect(errorOf(await ev(CHAIR, 'publishEvent', { eventId: saved.eventId, expectedVersion: 1 })).code).toBe('CONFLICT')
    // and another union's chair cannot even open it for editing
    expect(errorOf(await ev(TECH_CHAIR, 'getForEdit', { eventId: saved.eventId })).code).toBe('FORBIDDEN')
  })
})

describe('浏览: who sees which events', () => {
  let buildOnly = ''
  let streetWide = ''
  let streetOnly = ''
  let gigWide = ''

  beforeAll(async () => {
    buildOnly = await published(CHAIR, 'u-build', { title: '建筑公司安全知识竞赛', kind: 'skills' })
    streetWide = await published(STAFF, 'u-street-wangjing', { title: '望京街道职工乒乓球赛', scope: 'subtree', capacity: 64 })
    streetOnly = await published(STAFF, 'u-street-wangjing', { title: '街道工会干部培训', kind: 'training' })
    gigWide = await published(GIG_STAFF, 'u-street-gig', { title: '快递小哥暖心驿站', scope: 'subtree', kind: 'warmth' })
  })

  test('a member sees their own union’s events and the subtree events of the federations above', async () => {
    const chairSees = (await browseAll(CHAIR, { limit: 50 })).map((c) => c.eventId)
    expect(chairSees).toEqual(expect.arrayContaining([buildOnly, streetWide]))
    expect(chairSees).not.toContain(streetOnly)
    expect(chairSees).not.toContain(gigWide)

    const wangSees = (await browseAll(WANG, { limit: 50 })).map((c) => c.eventId)
    expect(wangSees).toContain(streetWide)
    expect(wangSees).not.toContain(buildOnly)
    expect(wangSees).not.toContain(streetOnly)
    expect(wangSees).not.toContain(gigWide)

    const sunSees = (await browseAll(SUN, { limit: 50 })).map((c) => c.eventId)
    expect(sunSees).toContain(gigWide)
    expect(sunSees).not.toContain(streetWide)
    expect(sunSees).not.toContain(buildOnly)
  })

  test('a non-member sees no members-only event', async () => {
    const liSees = (await browseAll(LI, { limit: 50 })).map((c) => c.eventId)
    for (const id of [buildOnly, streetWide, streetOnly, gigWide]) expect(liSees).not.toContain(id)
  })

  test('a card shows the organiser, the seats and the status', async () => {
    const card = (await browseAll(WANG, { limit: 50 })).find((c) => c.eventId === streetWide)
    expect(card).toMatchObject({ title: '望京街道职工乒乓球赛', kind: 'sports', kindLabel: '文体活动', unionName: '望京街道工会联合会', capacity: 64, seatsLeft: 64, status: 'published', statusLabel: '报名中', mine: null })
  })

  test('an event a member may not join still opens by link, saying why they cannot sign up', async () => {
    const detail = dataOf(await ev(WANG, 'getEvent', { eventId: buildOnly }))
    expect(detail.blockedReason).toBe('本活动只面向指定工会的会员，您所在的工会不在范围内')
    const refused = errorOf(await signUp(WANG, buildOnly))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '本活动只面向指定工会的会员，您所在的工会不在范围内' })
    expect(await count('event_signups', { eventId: buildOnly })).toBe(0)
  })

  describe('paging and filters (a union tree of its own)', () => {
    const PAGE_PATH = ['u-evp', 'u-evp-unit']
    const ids: Record<string, string> = {}
    let base = 0

    beforeAll(async () => {
      await cloud.db.seed({
        unions: [union('u-evp', '测试区总工会', 'federation', ['u-evp']), union('u-evp-unit', '测试机械厂工会', 'grassroots', PAGE_PATH)],
        roles: [role('evp-chair', 'u-evp-unit', 'chair', PAGE_PATH), role('evp-member', 'u-evp-unit', 'member', PAGE_PATH), role('evp-staff', 'u-evp', 'staff', ['u-evp'])],
        users: [user('evp-chair', '孔主席'), user('evp-member', '严师傅'), user('evp-staff', '蒋干事')],
      })
      // seven events on seven days at 10:00 Beijing time, days 3..9 from now
      const today10 = new Date(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10) + 'T02:00:00Z').getTime()
      base = today10
      const kinds = ['training', 'sports', 'training', 'sports', 'training', 'sports', 'training'] as const
      for (let k = 3; k <= 9; k++) {
        const startAt = new Date(base + k * DAY)
        const organiser = k === 6 ? 'evp-staff' : 'evp-chair'
        const unionId = k === 6 ? 'u-evp' : 'u-evp-unit'
        ids[k] = await published(organiser, unionId, {
          title: `第${k}天的活动`,
          kind: kinds[k - 3],
          scope: k === 6 ? 'subtree' : 'union',
          startAt,
          endAt: new Date(startAt.getTime() + 2 * HOUR),
          signupClosesAt: new Date(startAt.getTime() - DAY),
        })
      }
    })

    test('pages of 3 cover all seven events once, and the last page says there is no more', async () => {
      const seen: string[] = []
      let cursor: string | undefined
      const sizes: number[] = []
      for (let page = 0; page < 10; page++) {
        const got = dataOf(await ev('evp-member', 'browse', { limit: 3, ...(cursor ? { cursor } : {}) }))
        sizes.push(got.items.length)
        seen.push(...got.items.map((c) => c.eventId))
        if (!got.nextCursor) break
        cursor = got.nextCursor
      }
      expect(sizes.every((n) => n <= 3)).toBe(true)
      expect(sizes.slice(0, 2)).toEqual([3, 3])
      expect(seen).toHaveLength(7)
      expect(new Set(seen).size).toBe(7)
      expect([...seen].sort()).toEqual(Object.values(ids).sort())
    })

    test('kind filter', async () => {
      const training = await browseAll('evp-member', { kind: 'training', limit: 2 })
      expect(training.map((c) => c.eventId).sort()).toEqual([ids[3], ids[5], ids[7], ids[9]].sort())
      expect(training.every((c) => c.kind === 'training')).toBe(true)
    })

    test('from / to filter by start', async () => {
      // from day 5 01:00 to day 7 23:00 (Beijing): the events of days 5, 6 and 7, however the bounds are rounded to days
      const got = await browseAll('evp-member', { from: new Date(base + 5 * DAY - 9 * HOUR), to: new Date(base + 7 * DAY + 13 * HOUR), limit: 50 })
      expect(got.map((c) => c.eventId).sort()).toEqual([ids[5], ids[6], ids[7]].sort())
      const sportsFrom = await browseAll('evp-member', { kind: 'sports', from: new Date(base + 5 * DAY - 9 * HOUR), limit: 50 })
      expect(sportsFrom.map((c) => c.eventId).sort()).toEqual([ids[6], ids[8]].sort())
    })

    test('nobody outside the tree sees them', async () => {
      const chairSees = (await browseAll(CHAIR, { limit: 50 })).map((c) => c.eventId)
      for (const id of Object.values(ids)) expect(chairSees).not.toContain(id)
    })
  })
})

describe('报名资格: who may sign up', () => {
  let women = ''
  beforeAll(async () => {
    women = await published(STAFF, 'u-street-wangjing', { title: '三八节女职工插花活动', kind: 'women', scope: 'subtree', gender: 'female', capacity: 30 })
  })

  test('a women-only event takes women of the subtree and refuses a man, in words that say why', async () => {
    expect(dataOf(await signUp(WANG, women)).status).toBe('confirmed')
    expect(dataOf(await signUp(ZHAO, women)).status).toBe('confirmed')
    expect(dataOf(await signUp(B.mali, women)).status).toBe('confirmed')
    const man = errorOf(await signUp(LIU, women))
    expect(man).toMatchObject({ code: 'FORBIDDEN', message: '本活动仅限女职工报名' })
    expect(await count('event_signups', { eventId: women, openid: LIU })).toBe(0)
    expect(dataOf(await ev(LIU, 'getEvent', { eventId: women })).blockedReason).toContain('女职工')
  })

  test('someone with no gender on file is asked to complete the profile', async () => {
    const refused = errorOf(await signUp(NO_GENDER, women))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '本活动仅限女职工报名，请先在个人资料中填写身份证号' })
    expect(await count('event_signups', { eventId: women, openid: NO_GENDER })).toBe(0)
  })

  test('members only: the non-member is told to join first; a member outside the subtree is refused', async () => {
    const li = errorOf(await signUp(LI, women))
    expect(li).toMatchObject({ code: 'FORBIDDEN', message: '本活动仅限工会会员报名，请先入会' })
    const sun = errorOf(await signUp(SUN, women))
    expect(sun.message).toBe('本活动只面向指定工会的会员，您所在的工会不在范围内')
    expect(await count('event_signups', { eventId: women })).toBe(3)
  })

  test('a union-only event refuses a member of another union', async () => {
    const own = await published(CHAIR, 'u-build', { title: '建筑公司拔河比赛' })
    expect(errorOf(await signUp(ZHAO, own)).message).toBe('本活动只面向指定工会的会员，您所在的工会不在范围内')
    expect(dataOf(await signUp(ZHOU, own)).status).toBe('confirmed')
  })

  test('unionIds narrows a subtree event to the listed units', async () => {
    const onlyTech = await published(STAFF, 'u-street-wangjing', { title: '科技公司专场读书会', scope: 'subtree', unionIds: ['u-tech'], kind: 'other' })
    expect(dataOf(await signUp(ZHAO, onlyTech)).status).toBe('confirmed')
    expect(errorOf(await signUp(LIU, onlyTech)).message).toBe('本活动只面向指定工会的会员，您所在的工会不在范围内')
  })

  test('age limits are checked against the birth year on file', async () => {
    const young = await published(CHAIR, 'u-build', { title: '青年职工联谊会', maxAge: 40 })
    // 张建国 was born in 1975, 刘洋 in 1988
    expect(errorOf(await signUp(CHAIR, young)).message).toBe('本活动要求年龄不超过40岁')
    expect(dataOf(await signUp(LIU, young)).status).toBe('confirmed')
  })

  test('an open event takes a non-member too', async () => {
    const open = await published(CHAIR, 'u-build', { title: '工地开放日', membersOnly: false, kind: 'other' })
    const li = dataOf(await signUp(LI, open))
    expect(li.status).toBe('confirmed')
    expect(await adminDb().find('event_signups', { _id: li.signupId })).toEqual([expect.objectContaining({ openid: LI, unionId: '', status: 'confirmed' })])
  })
})

describe('报名时间 and the form', () => {
  test('before sign-up opens and after it closes, a sign-up is refused', async () => {
    const later = await published(CHAIR, 'u-build', { title: '秋季登山', signupOpensAt: new Date(Date.now() + DAY) })
    expect(errorOf(await signUp(LIU, later))).toMatchObject({ code: 'CONFLICT', message: '报名还没有开始' })
    const closing = await published(CHAIR, 'u-build', { title: '春季植树' })
    await moveEvent(closing, { signupClosesAt: new Date(Date.now() - MIN) })
    expect(errorOf(await signUp(LIU, closing))).toMatchObject({ code: 'CONFLICT', message: '报名已截止' })
    expect(await count('event_signups', { eventId: later })).toBe(0)
    expect(await count('event_signups', { eventId: closing })).toBe(0)
  })

  test('answers are checked against the event’s own fields, keyed answers.<field>', async () => {
    const form = await published(CHAIR, 'u-build', {
      title: '职工运动会报名',
      fields: [
        { key: 'f1', label: '衣服尺码', type: 'choice', options: ['S', 'M', 'L', 'XL'] },
        { key: 'f2', label: '参加人数', type: 'number', min: 1, max: 3 },
        { key: 'f3', label: '备注', type: 'text', required: false },
      ],
    })
    const bad = errorOf(await signUp(LIU, form, { answers: { f1: 'XXL', f2: 5 } }))
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.fields).toEqual({ 'answers.f1': '请选择衣服尺码', 'answers.f2': '参加人数不能大于3' })
    const missing = errorOf(await signUp(LIU, form, { answers: { f3: '无' } }))
    expect(missing.fields).toMatchObject({ 'answers.f1': '请选择衣服尺码', 'answers.f2': expect.stringContaining('参加人数') })
    expect(await count('event_signups', { eventId: form })).toBe(0)

    const ok = dataOf(await signUp(LIU, form, { answers: { f1: 'L', f2: 2, f3: '' } }))
    expect(ok).toMatchObject({ status: 'confirmed', statusLabel: '报名成功', answers: { f1: 'L', f2: 2 }, canCancel: true, queuePosition: null })
    // a second tap of the same person gives back the same sign-up
    const again = dataOf(await signUp(LIU, form, { answers: { f1: 'L', f2: 2 } }))
    expect(again.signupId).toBe(ok.signupId)
    expect(await count('event_signups', { eventId: form })).toBe(1)
    expect(dataOf(await ev(LIU, 'getEvent', { eventId: form })).seatsLeft).toBe(19)

    // once someone signed up, the form and the way of signing up stay as they were
    const reworded = errorOf(await editEvent(CHAIR, form, (e) => ({ ...e, fields: e.fields.map((f) => (f.key === 'f1' ? { ...f, options: ['M', 'L'] } : f)) })))
    expect(reworded).toMatchObject({ code: 'INVALID_INPUT', fields: { 'event.fields': '已有人报名，不能修改' } })
    const toTeams = errorOf(await editEvent(CHAIR, form, (e) => ({ ...e, mode: 'team', teamSize: 3 })))
    expect(toTeams).toMatchObject({ code: 'INVALID_INPUT', fields: { 'event.mode': '已有人报名，不能修改' } })
    expect(await one('events', form)).toMatchObject({ mode: 'individual', version: 2 })
  })

  test('an ID number typed into a free-text answer is masked before it is stored (issue 10)', async () => {
    const form = await published(CHAIR, 'u-build', { title: '安全培训报名', fields: [{ key: 'f1', label: '备注', type: 'text', required: false }] })
    const id = SEED_IDS[2]
    const mineNow = dataOf(await signUp(ZHOU, form, { answers: { f1: `我的身份证号 ${id}，请帮忙登记` } }))
    const stored = JSON.stringify((await one('event_signups', mineNow.signupId)).answers)
    expect(stored).not.toContain(id)
    expect(stored).toContain('请帮忙登记')
    expect(stored).toContain(id.slice(0, 3))
    expect(JSON.stringify(mineNow)).not.toContain(id)
  })

  test('a double tap at the same moment files one sign-up and takes one seat', async () => {
    const event = await published(CHAIR, 'u-build', { title: '周末电影放映', capacity: 5 })
    const taps = await Promise.all([signUp(B.he, event), signUp(B.he, event), signUp(B.he, event)])
    const ids = new Set(taps.map((t) => dataOf(t).signupId))
    expect(ids.size).toBe(1)
    expect(await count('event_signups', { eventId: event })).toBe(1)
    expect(await counters(event)).toEqual({ taken: 1, waiting: 0 })
  })
})

describe('名额与候补: seats, the waiting queue, cancelling', () => {
  let small = ''
  const ids: Record<string, string> = {}

  test('free seats confirm, then the queue begins with its position', async () => {
    small = await published(CHAIR, 'u-build', { title: '职工书法培训班', kind: 'training', capacity: 2 })
    const liu = dataOf(await signUp(LIU, small))
    const zhou = dataOf(await signUp(ZHOU, small))
    const mali = dataOf(await signUp(B.mali, small))
    const wugang = dataOf(await signUp(B.wugang, small))
    Object.assign(ids, { liu: liu.signupId, zhou: zhou.signupId, mali: mali.signupId, wugang: wugang.signupId })
    expect([liu.status, zhou.status]).toEqual(['confirmed', 'confirmed'])
    expect(mali).toMatchObject({ status: 'waitlisted', statusLabel: '候补中', queuePosition: 1 })
    expect(wugang).toMatchObject({ status: 'waitlisted', queuePosition: 2 })
    expect(dataOf(await ev(B.mali, 'getEvent', { eventId: small }))).toMatchObject({ seatsLeft: 0, waitlisted: 2, capacity: 2 })
    expect(await counters(small)).toEqual({ taken: 2, waiting: 2 })
  })

  test('the capacity cannot drop below the seats taken', async () => {
    const refused = errorOf(await editEvent(CHAIR, small, (e) => ({ ...e, capacity: 1 })))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.fields?.['event.capacity']).toEqual(expect.any(String))
    expect(await one('events', small)).toMatchObject({ capacity: 2 })
  })

  test('a cancellation frees the seat for the first in the queue, who is told', async () => {
    const cancelled = dataOf(await ev(ZHOU, 'cancelSignup', { eventId: small }))
    expect(cancelled).toMatchObject({ signupId: ids.zhou, status: 'cancelled', canCancel: false })
    expect(await mine(B.mali, small)).toMatchObject({ status: 'confirmed', queuePosition: null })
    expect(await mine(B.wugang, small)).toMatchObject({ status: 'waitlisted', queuePosition: 1 })
    const told = await inboxOf(B.mali, 'eventSignup')
    expect(told).toHaveLength(1)
    expect(String(told[0].page)).toContain(small)
    expect(await outboxOf(B.mali, 'eventSignup')).toHaveLength(1)
    expect(await inboxOf(B.wugang, 'eventSignup')).toHaveLength(0)
    expect(await counters(small)).toEqual({ taken: 2, waiting: 1 })
    expect((await findAll('event_signups', { eventId: small, status: 'confirmed' })).map((s) => s._id).sort()).toEqual([ids.liu, ids.mali].sort())
  })

  test('signing up again after cancelling joins the back of the queue with the same sign-up', async () => {
    const back = dataOf(await signUp(ZHOU, small))
    expect(back).toMatchObject({ signupId: ids.zhou, status: 'waitlisted', queuePosition: 2 })
    expect(await count('event_signups', { eventId: small, openid: ZHOU })).toBe(1)
  })

  test('more seats go to the queue in order', async () => {
    dataOf(await editEvent(CHAIR, small, (e) => ({ ...e, capacity: 3 })))
    expect(await mine(B.wugang, small)).toMatchObject({ status: 'confirmed' })
    expect(await mine(ZHOU, small)).toMatchObject({ status: 'waitlisted', queuePosition: 1 })
    expect(await counters(small)).toEqual({ taken: 3, waiting: 1 })
  })

  test('after the sign-up deadline a cancellation is refused and the seat is kept', async () => {
    await moveEvent(small, { signupClosesAt: new Date(Date.now() - MIN) })
    const refused = errorOf(await ev(B.mali, 'cancelSignup', { eventId: small }))
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '报名已截止，不能再取消；如有特殊情况请联系工会' })
    expect(await mine(B.mali, small)).toMatchObject({ status: 'confirmed', canCancel: false })
  })

  test('shrinking the capacity while people sign up never leaves more confirmed than the capacity', async () => {
    const racers = Array.from({ length: 15 }, (_, i) => `ev-racer-${i}`)
    await cloud.db.seed({ roles: racers.map((p) => role(p, 'u-build', 'member', BUILD_PATH)), users: racers.map((p, i) => user(p, `赛跑${i}号`)) })
    const race = await published(CHAIR, 'u-build', { title: '周末郊游', kind: 'other', capacity: 10 })
    for (const p of racers.slice(0, 3)) expect(dataOf(await signUp(p, race)).status).toBe('confirmed')
    // the chair cuts the places to the three already taken while twelve more people tap 报名
    const [edit, ...taps] = await Promise.all([editEvent(CHAIR, race, (e) => ({ ...e, capacity: 3 })), ...racers.slice(3).map((p) => signUp(p, race))])
    expect(taps.filter((t) => !t.ok)).toEqual([])
    const stored = z.object({ capacity: z.number(), taken: z.number(), waiting: z.number() }).parse(await one('events', race))
    const confirmed = await count('event_signups', { eventId: race, status: 'confirmed' })
    // either the cut was refused (places were taken meanwhile) or it holds: never more people than places
    expect(stored.capacity).toBe(edit.ok ? 3 : 10)
    expect(confirmed).toBeLessThanOrEqual(stored.capacity)
    expect(stored.taken).toBe(confirmed)
    expect(stored.waiting).toBe(await count('event_signups', { eventId: race, status: 'waitlisted' }))
    expect(confirmed).toBe(Math.min(15, stored.capacity))
  })

  test('every move of a sign-up is a line of the event’s history, naming the sign-up and never the person', async () => {
    const lines = z
      .array(z.object({ action: z.string(), note: z.string(), actorOpenid: z.string(), at: z.date() }))
      .parse(await adminDb().find('event_history', { eventId: small }))
      .sort((a, b) => a.at.getTime() - b.at.getTime())
    const of = (id: string) => lines.filter((l) => l.note.startsWith(id)).map((l) => `${l.action} ${l.note.slice(id.length).trim()}`.trim())
    // 周: confirmed, cancelled (her seat went to 马), then back in the queue
    expect(of(ids.zhou)).toEqual(['signup confirmed', 'withdraw', 'signup waitlisted'])
    expect(of(ids.mali)).toEqual(['signup waitlisted', 'promote confirmed'])
    expect(lines.find((l) => l.note.startsWith(ids.zhou) && l.action === 'withdraw')?.actorOpenid).toBe(ZHOU)
    const signupLines = lines.filter((l) => ['signup', 'promote', 'withdraw', 'leave', 'reject', 'approve', 'checkin'].includes(l.action))
    expect(signupLines.length).toBeGreaterThanOrEqual(7)
    for (const l of signupLines) expect(l.note).toMatch(/^[A-Za-z0-9_.-]+( [a-z]+)*$/)
  })

  test('someone who never signed up has nothing to cancel', async () => {
    expect(errorOf(await ev(B.song, 'cancelSignup', { eventId: small }))).toMatchObject({ code: 'CONFLICT', message: '您没有报名这个活动，或报名已经取消' })
    expect(await count('event_signups', { eventId: small, openid: B.song })).toBe(0)
  })
})

describe('组队报名: teams', () => {
  let team = ''
  let code = ''

  beforeAll(async () => {
    team = await published(CHAIR, 'u-build', { title: '职工篮球赛', mode: 'team', teamSize: 3, capacity: 1 })
  })

  test('a team event needs a team', async () => {
    const refused = errorOf(await signUp(LIU, team))
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', fields: { team: '请选择创建队伍或加入队伍' } })
    expect(await count('event_signups', { eventId: team })).toBe(0)
  })

  test('the captain creates the team and gets the code; teammates join with it', async () => {
    const captain = dataOf(await signUp(LIU, team, { team: { mode: 'create', name: '钢筋突击队' } }))
    expect(captain.status).toBe('confirmed')
    expect(captain.team).toMatchObject({ name: '钢筋突击队', size: 3, isCaptain: true, code: expect.stringMatching(/^[A-Z0-9]{6}$/) })
    code = captain.team?.code ?? ''
    const zhou = dataOf(await signUp(ZHOU, team, { team: { mode: 'join', code: code.toLowerCase() } }))
    expect(zhou.status).toBe('confirmed')
    expect(zhou.team).toMatchObject({ teamId: captain.team?.teamId, isCaptain: false, code: null })
    dataOf(await signUp(B.he, team, { team: { mode: 'join', code } }))
    const view = await mine(LIU, team)
    expect(view?.team?.members).toHaveLength(3)
    expect(view?.team?.members.filter((m) => m.isCaptain).map((m) => m.signupId)).toEqual([captain.signupId])
    // the team takes one place, whatever its size
    expect(await counters(team)).toEqual({ taken: 1, waiting: 0 })
    expect(await count('event_signups', { eventId: team, holds: 'place' })).toBe(1)
  })

  test('a full team refuses another member; an unknown code is refused', async () => {
    const full = errorOf(await signUp(B.zheng, team, { team: { mode: 'join', code } }))
    expect(full).toMatchObject({ code: 'CONFLICT', message: '队伍「钢筋突击队」已满3人' })
    const unknown = errorOf(await signUp(B.zheng, team, { team: { mode: 'join', code: code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ' } }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', fields: { 'team.code': '邀请码不正确' } })
    const garbled = errorOf(await signUp(B.zheng, team, { team: { mode: 'join', code: '12' } }))
    expect(garbled.fields).toMatchObject({ 'team.code': '队伍邀请码是6位字母或数字' })
    expect(await count('event_signups', { eventId: team, openid: B.zheng })).toBe(0)
  })

  test('a second team waits when the places are all taken by teams', async () => {
    const second = dataOf(await signUp(B.zheng, team, { team: { mode: 'create', name: '塔吊先锋队' } }))
    expect(second).toMatchObject({ status: 'waitlisted', queuePosition: 1 })
  })

  test('when the captain cancels, the whole team leaves and the waiting team takes the place', async () => {
    expect(dataOf(await ev(LIU, 'cancelSignup', { eventId: team })).status).toBe('cancelled')
    // a cancelled sign-up no longer shows on the event page (the person may sign up afresh); the record says cancelled
    for (const p of [LIU, ZHOU, B.he]) {
      expect(await mine(p, team)).toBeNull()
      expect(await adminDb().find('event_signups', { eventId: team, openid: p })).toEqual([expect.objectContaining({ status: 'cancelled' })])
    }
    const zheng = await mine(B.zheng, team)
    expect(zheng).toMatchObject({ status: 'confirmed', team: { name: '塔吊先锋队', isCaptain: true } })
    expect(await counters(team)).toEqual({ taken: 1, waiting: 0 })
    expect((await adminDb().find('event_signups', { eventId: team, holds: 'place' })).map((s) => s._id)).toEqual([zheng?.signupId])
    expect(await inboxOf(B.zheng, 'eventSignup')).toEqual([expect.objectContaining({ page: expect.stringContaining(team) })])
  })

  test('the captain may take a teammate off the team; nobody else may', async () => {
    const code = (await mine(B.zheng, team))?.team?.code ?? ''
    const feng = dataOf(await signUp(B.feng, team, { team: { mode: 'join', code } }))
    expect(feng).toMatchObject({ status: 'confirmed', team: { name: '塔吊先锋队', isCaptain: false } })
    expect(errorOf(await ev(B.feng, 'removeTeammate', { eventId: team, signupId: feng.signupId })).code).toBe('FORBIDDEN')
    expect(errorOf(await ev(B.song, 'removeTeammate', { eventId: team, signupId: feng.signupId })).code).toBe('FORBIDDEN')
    const captain = dataOf(await ev(B.zheng, 'removeTeammate', { eventId: team, signupId: feng.signupId }))
    expect(captain.team?.members.map((m) => m.signupId)).toEqual([captain.signupId])
    expect(await adminDb().find('event_signups', { _id: feng.signupId })).toEqual([expect.objectContaining({ status: 'cancelled' })])
    expect(await mine(B.zheng, team)).toMatchObject({ status: 'confirmed' })
  })

  test('a team’s result is shown under the team’s own name, once the game began and the team checked in', async () => {
    const captain = await mine(B.zheng, team)
    const result = { eventId: team, item: '半场赛', results: [{ place: 1, award: '冠军', signupId: captain?.signupId ?? '' }] }
    expect(errorOf(await ev(CHAIR, 'recordResults', result))).toMatchObject({ code: 'CONFLICT', message: '活动开始后才能录入成绩' })
    const now = Date.now()
    await moveEvent(team, { signupOpensAt: new Date(now - 3 * HOUR), signupClosesAt: new Date(now - 2 * HOUR), startAt: new Date(now - 10 * MIN) })
    const absent = errorOf(await ev(CHAIR, 'recordResults', result))
    expect(absent).toMatchObject({ code: 'INVALID_INPUT', fields: { 'results.0.signupId': '只能为已签到的人或队伍录入成绩' } })
    const pass = dataOf(await ev(B.zheng, 'eventPass', { eventId: team }))
    dataOf(await ev(CHAIR, 'checkIn', { token: pass.token }))
    dataOf(await ev(CHAIR, 'recordResults', result))
    expect(dataOf(await ev(B.zheng, 'getEvent', { eventId: team })).results).toEqual([{ item: '半场赛', place: 1, award: '冠军', winner: '塔吊先锋队', unionName: BUILD }])
  })
})

describe('需要审核的报名: through the review desk', () => {
  let reviewed = ''
  let liuRequest = ''

  test('a sign-up waits as pending and appears on the organising chair’s desk', async () => {
    reviewed = await published(CHAIR, 'u-build', { title: '职工疗休养（需审核）', kind: 'other', needsApproval: true, capacity: 1 })
    const liu = dataOf(await signUp(LIU, reviewed))
    expect(liu).toMatchObject({ status: 'pending', statusLabel: '待审核' })
    expect(liu.requestId).not.toBe('')
    liuRequest = liu.requestId
    const desk = dataOf(await review(CHAIR, 'listPending', { kind: 'event.signup' }))
    expect(desk.items.map((i) => i.id)).toContain(liuRequest)
    // nobody else's desk
    expect(dataOf(await review(TECH_CHAIR, 'listPending', {})).items.map((i) => i.id)).not.toContain(liuRequest)
    // the seat is kept for the pending sign-up: the next one waits
    expect(dataOf(await signUp(ZHOU, reviewed))).toMatchObject({ status: 'waitlisted', queuePosition: 1 })
  })

  test('rejecting frees the seat: the first in the queue moves up and is told', async () => {
    const seen = dataOf(await review(CHAIR, 'getRequest', { requestId: liuRequest }))
    dataOf(await review(CHAIR, 'act', { requestId: liuRequest, decision: 'reject', reason: '本期名额优先安排一线职工', expectedVersion: seen.request.version }))
    expect(await mine(LIU, reviewed)).toMatchObject({ status: 'rejected', statusLabel: '未通过' })
    // the seat is his, but this event needs a review: he waits for it, on the desk
    const zhou = await mine(ZHOU, reviewed)
    expect(zhou).toMatchObject({ status: 'pending' })
    expect(zhou?.requestId).not.toBe('')
    expect(dataOf(await review(CHAIR, 'listPending', { kind: 'event.signup' })).items.map((i) => i.id)).toContain(zhou?.requestId)
    expect((await adminDb().find('event_signups', { eventId: reviewed, holds: 'place' })).map((s) => s._id)).toEqual([zhou?.signupId])
    expect((await counters(reviewed)).taken).toBe(1)
    expect(await inboxOf(ZHOU, 'eventSignup')).toEqual(expect.arrayContaining([expect.objectContaining({ page: expect.stringContaining(reviewed) })]))
  })

  test('approving confirms', async () => {
    const requestId = (await mine(ZHOU, reviewed))?.requestId ?? ''
    const seen = dataOf(await review(CHAIR, 'getRequest', { requestId }))
    // another union's chair may not decide
    expect(errorOf(await review(TECH_CHAIR, 'act', { requestId, decision: 'approve', reason: '', expectedVersion: seen.request.version })).code).toBe('FORBIDDEN')
    expect(await mine(ZHOU, reviewed)).toMatchObject({ status: 'pending' })
    dataOf(await review(CHAIR, 'act', { requestId, decision: 'approve', reason: '', expectedVersion: seen.request.version }))
    expect(await mine(ZHOU, reviewed)).toMatchObject({ status: 'confirmed', statusLabel: '报名成功' })
    const holding = await adminDb().find('event_signups', { eventId: reviewed, holds: 'place' })
    expect(holding.map((s) => s._id)).toEqual([(await mine(ZHOU, reviewed))?.signupId])
    expect((await counters(reviewed)).taken).toBe(1)
  })

  test('cancelling a sign-up still under review withdraws the request and passes the seat on', async () => {
    const second = await published(CHAIR, 'u-build', { title: '劳模疗休养（需审核）', kind: 'other', needsApproval: true, capacity: 1 })
    const feng = dataOf(await signUp(B.feng, second))
    expect(feng.status).toBe('pending')
    expect(dataOf(await signUp(B.song, second)).status).toBe('waitlisted')
    expect(dataOf(await ev(B.feng, 'cancelSignup', { eventId: second })).status).toBe('cancelled')
    expect(await one('requests', feng.requestId)).toMatchObject({ status: 'withdrawn' })
    const desk = dataOf(await review(CHAIR, 'listPending', { kind: 'event.signup' })).items.map((i) => i.id)
    expect(desk).not.toContain(feng.requestId)
    const song = await mine(B.song, second)
    expect(song).toMatchObject({ status: 'pending' })
    expect(desk).toContain(song?.requestId)
    expect((await adminDb().find('event_signups', { eventId: second, holds: 'place' })).map((s) => s._id)).toEqual([song?.signupId])
    expect(await counters(second)).toMatchObject({ taken: 1 })
  })
})

describe('活动变更与取消: everyone taking part is told', () => {
  let changing = ''
  const people = [LIU, ZHOU, B.feng] // two confirmed, one waitlisted

  beforeAll(async () => {
    changing = await published(CHAIR, 'u-build', { title: '职工羽毛球赛', capacity: 2 })
    for (const p of people) dataOf(await signUp(p, changing))
    dataOf(await signUp(B.song, changing))
    dataOf(await ev(B.song, 'cancelSignup', { eventId: changing }))
    // 刘洋 agreed to be told by subscribe message, so his also goes out as a push
    dataOf(await cloud.callAction(LIU, notifyActions.recordSubscribe, { results: { eventChange: 'accept' } }))
    dataOf(await cloud.callAction(LIU, notifyActions.recordSubscribe, { results: { eventChange: 'accept' } }))
  })

  test('an edit that does not touch time or place tells nobody', async () => {
    const saved = dataOf(await editEvent(CHAIR, changing, (e) => ({ ...e, description: '自带球拍' })))
    expect(saved.notified).toBe(0)
    for (const p of [...people, B.song]) expect(await inboxOf(p, 'eventChange')).toHaveLength(0)
  })

  test('moving the time and the place tells every active sign-up once, by inbox and by message', async () => {
    cloud.outbox.clear()
    const saved = dataOf(
      await editEvent(CHAIR, changing, (e) => ({
        ...e,
        place: '望京全民健身中心',
        startAt: new Date(new Date(e.startAt).getTime() + DAY),
        endAt: new Date(new Date(e.endAt).getTime() + DAY),
      })),
    )
    expect(saved.notified).toBe(3)
    for (const p of people) {
      const inbox = await inboxOf(p, 'eventChange')
      expect([p, inbox.length]).toEqual([p, 1])
      expect(String(inbox[0].page)).toContain(changing)
      expect(String(inbox[0].body)).toContain('望京全民健身中心')
      expect(await outboxOf(p, 'eventChange')).toHaveLength(1)
    }
    expect(await inboxOf(B.song, 'eventChange')).toHaveLength(0)
    const listed = dataOf(await cloud.callAction(LIU, notifyActions.listInbox, {}))
    answers.push(listed)
    expect(listed.items.some((i) => i.page.includes(changing) && i.body.includes('望京全民健身中心'))).toBe(true)
    const pushed = cloud.outbox.list().filter((m) => m.touser === LIU)
    expect(pushed).toHaveLength(1)
    expect(pushed[0]).toMatchObject({ templateId: 'tpl-event-change' })
    expect(pushed[0].data).toMatchObject({ thing1: { value: '职工羽毛球赛' }, thing4: { value: '望京全民健身中心' } })
  })

  test('cancelling needs a reason and an organiser', async () => {
    const version = dataOf(await ev(CHAIR, 'getForEdit', { eventId: changing })).version
    const noReason = errorOf(await raw(CHAIR, 'cancelEvent', { eventId: changing, expectedVersion: version, reason: ' ' }))
    expect(noReason.fields).toMatchObject({ reason: '请填写取消原因' })
    expect(errorOf(await ev(LIU, 'cancelEvent', { eventId: changing, expectedVersion: version, reason: '不想去了' })).code).toBe('FORBIDDEN')
    expect(errorOf(await ev(TECH_CHAIR, 'cancelEvent', { eventId: changing, expectedVersion: version, reason: '不想去了' })).code).toBe('FORBIDDEN')
    expect(await one('events', changing)).toMatchObject({ status: 'published' })
  })

  test('a cancelled event tells everyone taking part, and takes no more sign-ups', async () => {
    const version = dataOf(await ev(CHAIR, 'getForEdit', { eventId: changing })).version
    const done = dataOf(await ev(CHAIR, 'cancelEvent', { eventId: changing, expectedVersion: version, reason: '场馆临时检修' }))
    expect(done).toMatchObject({ status: 'cancelled', notified: 3 })
    for (const p of people) {
      const inbox = await inboxOf(p, 'eventChange')
      expect([p, inbox.length]).toEqual([p, 2])
      expect(inbox.some((m) => String(m.body).includes('场馆临时检修'))).toBe(true)
      expect(await outboxOf(p, 'eventChange')).toHaveLength(2)
    }
    expect(await inboxOf(B.song, 'eventChange')).toHaveLength(0)
    expect(dataOf(await ev(LIU, 'getEvent', { eventId: changing }))).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancelReason: '场馆临时检修' })
    expect(errorOf(await signUp(B.he, changing))).toMatchObject({ code: 'CONFLICT', message: '活动已取消' })
    expect(await count('event_signups', { eventId: changing, openid: B.he })).toBe(0)
  })

  test('a cancelled event cannot be edited, cancelled again, or used for a pass', async () => {
    const seen = dataOf(await ev(CHAIR, 'getForEdit', { eventId: changing }))
    expect(errorOf(await ev(CHAIR, 'saveEvent', { eventId: changing, expectedVersion: seen.version, unionId: 'u-build', event: { ...seen.event, place: '别处' } }))).toMatchObject({
      code: 'CONFLICT',
      message: '活动已取消，不能再修改',
    })
    expect(errorOf(await ev(CHAIR, 'cancelEvent', { eventId: changing, expectedVersion: seen.version, reason: '再取消一次' })).code).toBe('CONFLICT')
    expect(errorOf(await ev(LIU, 'eventPass', { eventId: changing })).code).toBe('CONFLICT')
    expect(errorOf(await ev(LIU, 'cancelSignup', { eventId: changing }))).toMatchObject({ code: 'CONFLICT', message: '活动已取消' })
    // nobody was told anything more
    expect(await inboxOf(LIU, 'eventChange')).toHaveLength(2)
  })
})

describe('round trips, and edits and cancellations racing sign-ups', () => {
  const RT = Array.from({ length: 3 }, (_, i) => `rt-${i}`)
  const EDITORS_RACE = Array.from({ length: 11 }, (_, i) => `ed-${String(i).padStart(2, '0')}`)
  const CANCEL_RACE = Array.from({ length: 43 }, (_, i) => `cx-${String(i).padStart(2, '0')}`)
  const TEAM = ['tm-cap', 'tm-a', 'tm-b']
  const everyone = [...RT, ...EDITORS_RACE, ...CANCEL_RACE, ...TEAM]

  beforeAll(async () => {
    await cloud.db.seed({
      roles: everyone.map((p) => role(p, 'u-build', 'member', BUILD_PATH)),
      users: everyone.map((p, i) => user(p, `职工${i}`)),
      member_profiles: everyone.map((p, i) => profile(p, `测试${i}号`, i % 2 ? 'female' : 'male', 1990)),
    })
  }, 60_000)

  test('an uncontended sign-up takes at most 6 SDK round trips; cancelling at most 6, browsing at most 4', async () => {
    const quiet = await published(CHAIR, 'u-build', { title: '读书分享会', kind: 'other', capacity: 5 })
    const signed = await roundTrips(() => signUp(RT[0] ?? '', quiet))
    expect(dataOf(signed.result).status).toBe('confirmed')
    expect(signed.trips).toBeLessThanOrEqual(6)
    const cancelled = await roundTrips(() => ev(RT[0] ?? '', 'cancelSignup', { eventId: quiet }))
    expect(dataOf(cancelled.result).status).toBe('cancelled')
    expect(cancelled.trips).toBeLessThanOrEqual(6)
    const browsed = await roundTrips(() => ev(RT[1] ?? '', 'browse', {}))
    expect(dataOf(browsed.result).items.find((c) => c.eventId === quiet)).toMatchObject({ seatsLeft: 5 })
    expect(browsed.trips).toBeLessThanOrEqual(4)
    expect(await counters(quiet)).toEqual({ taken: 0, waiting: 0 })
  })

  test('a member of a union below the organiser signs up in at most 6 round trips too: the grant names the union', async () => {
    const named = 'rt-tech-named'
    const older = 'rt-tech-older'
    await cloud.db.seed({
      // a member grant written since grants carry the union's name, and one from before (the union is read instead)
      roles: [{ ...role(named, 'u-tech', 'member', TECH_PATH), unionName: '北京某科技有限公司工会' }, role(older, 'u-tech', 'member', TECH_PATH)],
      users: [user(named, '职工甲'), user(older, '职工乙')],
      member_profiles: [profile(named, '科技甲', 'female', 1991), profile(older, '科技乙', 'male', 1992)],
    })
    const streetWide = await published(STAFF, 'u-street-wangjing', { title: '望京职工读书会', kind: 'other', scope: 'subtree', capacity: 5 })
    const signed = await roundTrips(() => signUp(named, streetWide))
    expect(dataOf(signed.result).status).toBe('confirmed')
    expect(signed.trips).toBeLessThanOrEqual(6)
    const before = await roundTrips(() => signUp(older, streetWide))
    expect(dataOf(before.result).status).toBe('confirmed')
    expect(before.trips).toBeLessThanOrEqual(7)
    // both sign-ups name the member's own union, however it was found
    const stored = await findAll('event_signups', { eventId: streetWide })
    expect(stored.map((s) => [s.openid, s.unionName]).sort()).toEqual([
      [named, '北京某科技有限公司工会'],
      [older, '北京某科技有限公司工会'],
    ])
  })

  test('two organisers editing at once: the edit refused by the version check changes nothing', async () => {
    const both = await published(CHAIR, 'u-build', { title: '篮球友谊赛', kind: 'sports', capacity: 20 })
    const seen = dataOf(await ev(CHAIR, 'getForEdit', { eventId: both }))
    // the chair cuts the places to 10 while the vice-chair renames the event, both from the same version
    const [cut, renamed] = await Promise.all([
      ev(CHAIR, 'saveEvent', { eventId: both, expectedVersion: seen.version, unionId: seen.unionId, event: { ...seen.event, capacity: 10 } }),
      ev(VICE, 'saveEvent', { eventId: both, expectedVersion: seen.version, unionId: seen.unionId, event: { ...seen.event, title: '篮球友谊赛（新）' } }),
    ])
    expect([cut.ok, renamed.ok].filter(Boolean)).toHaveLength(1)
    const refused = cut.ok ? renamed : cut
    expect(errorOf(refused).code).toBe('CONFLICT')
    const stored = z.object({ capacity: z.number(), title: z.string() }).parse(await one('events', both))
    expect(stored).toEqual(cut.ok ? { capacity: 10, title: '篮球友谊赛' } : { capacity: 20, title: '篮球友谊赛（新）' })
    // as many places as the event says: eleven people, min(11, capacity) confirmed
    const taps = (await Promise.all(EDITORS_RACE.map((p) => signUp(p, both)))).map(dataOf)
    expect(taps.filter((t) => t.status === 'confirmed')).toHaveLength(Math.min(11, stored.capacity))
    expect(taps.filter((t) => t.status === 'waitlisted')).toHaveLength(11 - Math.min(11, stored.capacity))
  }, 120_000)

  test('sign-ups racing a cancellation: none succeeds after it, none stays, everyone who was registered is told once', async () => {
    const race = await published(CHAIR, 'u-build', { title: '春季登山', kind: 'sports', capacity: 30 })
    const seen = dataOf(await ev(CHAIR, 'getForEdit', { eventId: race }))
    const [early, late] = [CANCEL_RACE.slice(0, 40), CANCEL_RACE.slice(40)]
    const taps = early.map((p) => signUp(p, race))
    // the organiser cancels as soon as the first sign-up is answered, while the others are still on their way
    await Promise.race(taps)
    const cancelled = await ev(CHAIR, 'cancelEvent', { eventId: race, expectedVersion: seen.version, reason: '天气原因' })
    expect(cancelled.ok).toBe(true)
    const after = await Promise.all(late.map((p) => signUp(p, race)))
    expect(after.map((a) => errorOf(a).code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT'])
    const answers = await Promise.all(taps)
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0)
    // the hourly timer finishes what the cancellation could not see yet
    await cloud.invokeTimer('events', 'eventsHourly')
    const rows = await findAll('event_signups', { eventId: race })
    expect(rows.filter((r) => ['confirmed', 'pending', 'waitlisted'].includes(String(r.status)))).toEqual([])
    const registered = rows.map((r) => String(r.openid))
    for (const [i, a] of answers.entries()) if (a.ok) expect(registered).toContain(early[i])
    const told = await Promise.all(registered.map(async (p) => [p, (await inboxOf(p, 'eventChange')).filter((m) => String(m.page).includes(race)).length] as const))
    expect(told.filter(([, n]) => n !== 1)).toEqual([])
    expect(registered.length).toBeGreaterThan(0)
  }, 180_000)

  test('a team event shows the places the teams hold apart from the people in them', async () => {
    const teams = await published(CHAIR, 'u-build', { title: '拔河比赛', kind: 'sports', capacity: 1, mode: 'team', teamSize: 3 })
    const captain = dataOf(await signUp(TEAM[0] ?? '', teams, { team: { mode: 'create', name: '钢铁队' } }))
    const code = captain.team?.code ?? ''
    for (const p of TEAM.slice(1)) dataOf(await signUp(p, teams, { team: { mode: 'join', code } }))
    const { totals, counts } = dataOf(await ev(CHAIR, 'participants', { eventId: teams }))
    expect(totals).toMatchObject({ places: 1, capacity: 1, confirmed: 3 })
    expect(counts).toEqual([expect.objectContaining({ unionId: 'u-build', places: 1, confirmed: 3 })])
  })

  test('tightening who may take part after people signed up is refused, and changes nothing; relaxing is allowed', async () => {
    const open = await published(CHAIR, 'u-build', { title: '健康讲座', kind: 'training', capacity: 10, minAge: 18 })
    dataOf(await signUp(RT[2] ?? '', open))
    const tighter = [
      (e: EventFieldsInput) => ({ ...e, gender: 'female' as const }),
      (e: EventFieldsInput) => ({ ...e, minAge: 30 }),
      (e: EventFieldsInput) => ({ ...e, maxAge: 40 }),
    ]
    for (const change of tighter) {
      const refused = errorOf(await editEvent(CHAIR, open, change))
      expect(refused.code).toBe('INVALID_INPUT')
      expect(Object.keys(refused.fields ?? {})).toHaveLength(1)
      expect(refused.message).toContain('只能放宽')
    }
    expect(await one('events', open)).toMatchObject({ gender: 'any', minAge: 18, maxAge: null, version: 2 })
    dataOf(await editEvent(CHAIR, open, (e) => ({ ...e, minAge: null })))
    expect(await one('events', open)).toMatchObject({ minAge: null, version: 3 })
  })
})

/**
 * A rush test's limit: 500 sign-ups then ~400 reads of a place in the queue, or 70 racing calls then ~430 reads,
 * 16 invocations at a time in this process. Measured at load 18-20 on 2 cores (npm test beside 7 other sessions):
 * 181 s and 152 s. Twice that covers a CPU hog on top.
 */
const RUSH_MS = 360_000

describe('抢报名: 500 at once for 100 seats', () => {
  const LOAD_PATH = ['u-evl', 'u-evl-unit']
  const PEOPLE = Array.from({ length: 550 }, (_, i) => `evl-${String(i).padStart(3, '0')}`)
  const FIRST = PEOPLE.slice(0, 500)
  const LATE = PEOPLE.slice(500)
  let rush = ''

  // What this describe proves is who gets a place, not how fast. The cloud, its 16 running invocations and this
  // test share one process, on 2 cores that other work also uses: at load 20 a cancel in the second rush ran past
  // the events function's declared 20 s, which production (an instance per invocation) never sees. The declared
  // limit under a rush is bench/event-rush.ts's to print; here each invocation gets half a rush test's limit, so a
  // stuck one still fails with its own message before the test's limit.
  beforeAll(() => cloud.setFunctionTimeoutMs(RUSH_MS / 2))
  afterAll(() => cloud.setFunctionTimeoutMs(undefined))

  beforeAll(async () => {
    await cloud.db.seed({
      unions: [union('u-evl', '压力测试总工会', 'federation', ['u-evl']), union('u-evl-unit', '压力测试厂工会', 'grassroots', LOAD_PATH)],
      roles: [role('evl-chair', 'u-evl-unit', 'chair', LOAD_PATH), ...PEOPLE.map((p) => role(p, 'u-evl-unit', 'member', LOAD_PATH))],
      users: [user('evl-chair', '压测主席'), ...PEOPLE.map((p, i) => user(p, `职工${i}`))],
    })
    rush = await published('evl-chair', 'u-evl-unit', { title: '新年音乐会门票', kind: 'other', capacity: 100 })
  }, 60_000)

  const statusCounts = async () => ({
    confirmed: await count('event_signups', { eventId: rush, status: 'confirmed' }),
    waitlisted: await count('event_signups', { eventId: rush, status: 'waitlisted' }),
    cancelled: await count('event_signups', { eventId: rush, status: 'cancelled' }),
    all: await count('event_signups', { eventId: rush }),
  })
  /** the places: 100 held, each by a confirmed sign-up, and the counters agree with the sign-ups */
  const checkSeats = async () => {
    const confirmed = await findAll('event_signups', { eventId: rush, status: 'confirmed' })
    expect(confirmed).toHaveLength(100)
    expect(confirmed.every((s) => s.holds === 'place')).toBe(true)
    expect(await counters(rush)).toEqual({ taken: 100, waiting: await count('event_signups', { eventId: rush, status: 'waitlisted' }) })
    return confirmed
  }
  /** the waiting queue in order, as the people in it see it */
  const queue = async () => {
    const waiting = await findAll('event_signups', { eventId: rush, status: 'waitlisted' })
    // 25 at a time: reading the queue back is a check, not a second rush competing with the one under test
    const positions: Array<readonly [string, number | null]> = []
    for (let i = 0; i < waiting.length; i += 25) {
      const batch = waiting.slice(i, i + 25)
      positions.push(...(await Promise.all(batch.map(async (s) => [String(s.openid), (await mine(String(s.openid), rush))?.queuePosition ?? null] as const))))
    }
    return positions.sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0))
  }

  test('exactly 100 confirmed and 400 waitlisted, none lost, none twice', async () => {
    const results = await Promise.all(FIRST.map((p) => signUp(p, rush)))
    const failed = results.filter((r) => !r.ok)
    expect(failed.map((r) => JSON.stringify(r)).slice(0, 3)).toEqual([])
    const views = results.map(dataOf)
    expect(views.filter((v) => v.status === 'confirmed')).toHaveLength(100)
    expect(views.filter((v) => v.status === 'waitlisted')).toHaveLength(400)
    expect(new Set(views.map((v) => v.signupId)).size).toBe(500)

    expect(await statusCounts()).toEqual({ confirmed: 100, waitlisted: 400, cancelled: 0, all: 500 })
    await checkSeats()
    const totals = dataOf(await ev('evl-chair', 'participants', { eventId: rush, limit: 1 })).totals
    expect(totals).toMatchObject({ confirmed: 100, waitlisted: 400, pending: 0, capacity: 100 })
    expect(dataOf(await ev(FIRST[0], 'getEvent', { eventId: rush }))).toMatchObject({ seatsLeft: 0, waitlisted: 400 })
    // the queue is 1..400 with nobody sharing a place
    const q = await queue()
    expect(q.map(([, pos]) => pos)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1))
  }, RUSH_MS)

  // the second rush: 20 confirmed people cancel while 50 newcomers sign up, all at once
  const second = { leaving: [] as string[], nextInLine: [] as string[], confirmed: new Set<string>() }

  test('20 cancel while 50 more sign up: still exactly 100 seats held, each once, none lost', async () => {
    const confirmedBefore = await findAll('event_signups', { eventId: rush, status: 'confirmed' })
    second.leaving = confirmedBefore.slice(0, 20).map((s) => String(s.openid))
    second.nextInLine = (await queue()).slice(0, 20).map(([openid]) => openid)

    const results = await Promise.all([...second.leaving.map((p) => ev(p, 'cancelSignup', { eventId: rush })), ...LATE.map((p) => signUp(p, rush))])
    expect(results.filter((r) => !r.ok).map((r) => JSON.stringify(r)).slice(0, 3)).toEqual([])
    expect(results.slice(0, 20).map((r) => dataOf(r).status)).toEqual(Array(20).fill('cancelled'))

    expect(await statusCounts()).toEqual({ confirmed: 100, waitlisted: 430, cancelled: 20, all: 550 })
    const confirmed = await checkSeats()
    second.confirmed = new Set(confirmed.map((s) => String(s.openid)))
    for (const p of second.leaving) expect([p, second.confirmed.has(p)]).toEqual([p, false])
    const q = await queue()
    expect(q.map(([, pos]) => pos)).toEqual(Array.from({ length: 430 }, (_unused, i) => i + 1))
    expect(dataOf(await ev('evl-chair', 'participants', { eventId: rush, limit: 1 })).totals).toMatchObject({ confirmed: 100, waitlisted: 430 })
  }, RUSH_MS)

  test('the freed seats go to the first 20 in the queue, who are told; no newcomer jumps the queue', async () => {
    expect(second.nextInLine).toHaveLength(20)
    const jumped = LATE.filter((p) => second.confirmed.has(p))
    expect(jumped).toEqual([])
    expect(second.nextInLine.filter((p) => second.confirmed.has(p))).toHaveLength(20)
    const _ = adminDb().db.command
    expect(await count('inbox', { template: 'eventSignup', openid: _.in(second.nextInLine) })).toBe(20)
  })
})

describe('签到: passes, the rotating code, late arrivals', () => {
  let checkin = ''
  const signupIds: Record<string, string> = {}

  beforeAll(async () => {
    // starts in half an hour: check-in is already open
    const now = Date.now()
    checkin = await published(CHAIR, 'u-build', {
      title: '安全生产培训',
      // a skills contest (技能竞赛): it has results
      kind: 'skills',
      capacity: 4,
      startAt: new Date(now + 30 * MIN),
      endAt: new Date(now + 3 * HOUR),
      signupClosesAt: new Date(now + 20 * MIN),
      lateAfterMinutes: 15,
    })
    for (const p of [LIU, ZHOU, B.wugang, B.zheng, B.he]) signupIds[p] = dataOf(await signUp(p, checkin)).signupId
  })

  test('only a confirmed sign-up gets a pass', async () => {
    expect(await mine(B.he, checkin)).toMatchObject({ status: 'waitlisted' })
    expect(errorOf(await ev(B.he, 'eventPass', { eventId: checkin }))).toMatchObject({ code: 'CONFLICT', message: '报名成功后才有入场码' })
    expect(errorOf(await ev(B.song, 'eventPass', { eventId: checkin }))).toMatchObject({ code: 'CONFLICT', message: '报名成功后才有入场码' })
  })

  test('the organiser scans a pass: checked in on time; a second scan says already', async () => {
    const pass = dataOf(await ev(LIU, 'eventPass', { eventId: checkin }))
    expect(pass).toMatchObject({ title: '安全生产培训', place: '望京体育馆' })
    const parsed = parseCheckInToken(pass.token)
    expect(parsed).toMatchObject({ prefix: 'GHE1', subject: signupIds[LIU] })
    expect(pass.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(PASS_TTL_SECONDS * 1000)

    const first = dataOf(await ev(CHAIR, 'checkIn', { token: pass.token }))
    expect(first).toMatchObject({ eventId: checkin, title: '安全生产培训', name: '刘*', unionName: BUILD, late: false, already: false })
    const second = dataOf(await ev(VICE, 'checkIn', { token: pass.token }))
    expect(second).toMatchObject({ already: true, late: false })
    expect(second.checkedInAt.getTime()).toBe(first.checkedInAt.getTime())
    expect(await mine(LIU, checkin)).toMatchObject({ late: false, checkedInAt: first.checkedInAt })
  })

  test('a non-organiser cannot check anyone in', async () => {
    const pass = dataOf(await ev(ZHOU, 'eventPass', { eventId: checkin }))
    for (const outsider of [WANG, LIU, TECH_CHAIR]) expect([outsider, errorOf(await ev(outsider, 'checkIn', { token: pass.token })).code]).toEqual([outsider, 'FORBIDDEN'])
    expect(await mine(ZHOU, checkin)).toMatchObject({ checkedInAt: null })
  })

  test('a tampered or expired pass is refused', async () => {
    const pass = dataOf(await ev(ZHOU, 'eventPass', { eventId: checkin }))
    const last = pass.token.slice(-1)
    const tampered = pass.token.slice(0, -1) + (last === 'A' ? 'B' : 'A')
    expect(errorOf(await ev(CHAIR, 'checkIn', { token: tampered })).code).toBe('INVALID_INPUT')
    // someone else's sign-up id under 周健's signature
    const parts = pass.token.split('.')
    const swapped = [parts[0], ...signupIds[B.wugang].split('.'), ...parts.slice(-2)].join('.')
    expect(errorOf(await ev(CHAIR, 'checkIn', { token: swapped })).code).toBe('INVALID_INPUT')
    const expired = issuePass(signupIds[ZHOU], new Date(Date.now() - (PASS_TTL_SECONDS + 60) * 1000))
    const old = errorOf(await ev(CHAIR, 'checkIn', { token: expired.token }))
    expect(old.code).toBe('INVALID_INPUT')
    expect(old.message).toContain('过期')
    expect(errorOf(await raw(CHAIR, 'checkIn', { token: 'hello-world-not-a-code' })).code).toBe('INVALID_INPUT')
    // the rotating event code is not a pass
    const code = dataOf(await ev(CHAIR, 'checkInCode', { eventId: checkin }))
    expect(errorOf(await ev(CHAIR, 'checkIn', { token: code.token })).code).toBe('INVALID_INPUT')
    expect(await mine(ZHOU, checkin)).toMatchObject({ checkedInAt: null })
  })

  test('the worker scans the organiser’s rotating code and is checked in', async () => {
    expect(errorOf(await ev(WANG, 'checkInCode', { eventId: checkin })).code).toBe('FORBIDDEN')
    const code = dataOf(await ev(CHAIR, 'checkInCode', { eventId: checkin }))
    expect(parseCheckInToken(code.token)).toMatchObject({ prefix: 'GHC1', subject: checkin })
    expect(code.refreshAfterSeconds).toBeGreaterThan(0)
    const done = dataOf(await ev(ZHOU, 'checkInWithCode', { token: code.token }))
    expect(done).toMatchObject({ eventId: checkin, already: false, late: false, name: '周*' })
    expect(await mine(ZHOU, checkin)).toMatchObject({ checkedInAt: done.checkedInAt })
    // someone not signed up cannot check in with it; a waitlisted person neither
    expect(errorOf(await ev(B.song, 'checkInWithCode', { token: code.token }))).toMatchObject({ code: 'NOT_FOUND', message: '没有找到这个人的报名' })
    expect(await count('event_signups', { eventId: checkin, openid: B.song })).toBe(0)
    expect(errorOf(await ev(B.he, 'checkInWithCode', { token: code.token }))).toMatchObject({ code: 'CONFLICT', message: '何*的报名状态是“候补中”，不能签到' })
    expect(await mine(B.he, checkin)).toMatchObject({ status: 'waitlisted', checkedInAt: null })
    // an expired code is refused
    const stale = issueCode(checkin, new Date(Date.now() - 5 * MIN))
    expect(errorOf(await ev(B.wugang, 'checkInWithCode', { token: stale.token })).code).toBe('INVALID_INPUT')
  })

  test('after the grace minutes a check-in is late', async () => {
    const now = Date.now()
    await moveEvent(checkin, { signupOpensAt: new Date(now - 3 * HOUR), signupClosesAt: new Date(now - 2 * HOUR), startAt: new Date(now - 30 * MIN) })
    const pass = dataOf(await ev(B.wugang, 'eventPass', { eventId: checkin }))
    expect(dataOf(await ev(CHAIR, 'checkIn', { token: pass.token }))).toMatchObject({ late: true, already: false, name: '吴*' })
    expect(await mine(B.wugang, checkin)).toMatchObject({ late: true })
    const rows = dataOf(await ev(CHAIR, 'participants', { eventId: checkin, status: 'confirmed' })).rows
    const byId = Object.fromEntries(rows.map((r) => [r.signupId, r.attendance]))
    expect(byId).toEqual({ [signupIds[LIU]]: '已签到', [signupIds[ZHOU]]: '已签到', [signupIds[B.wugang]]: '迟到', [signupIds[B.zheng]]: '未签到' })
    expect(dataOf(await ev(CHAIR, 'participants', { eventId: checkin })).totals).toMatchObject({ confirmed: 4, waitlisted: 1, checkedIn: 3 })
  })

  test('after the end nobody can check in', async () => {
    await moveEvent(checkin, { endAt: new Date(Date.now() - MIN) })
    const pass = issuePass(signupIds[B.zheng], new Date())
    expect(errorOf(await ev(CHAIR, 'checkIn', { token: pass.token }))).toMatchObject({ code: 'CONFLICT', message: '活动已结束，不能再签到' })
    expect(await mine(B.zheng, checkin)).toMatchObject({ checkedInAt: null })
  })

  describe('比赛成绩', () => {
    test('the organiser records an item’s results; the event page shows them with names masked', async () => {
      const recorded = dataOf(
        await ev(CHAIR, 'recordResults', {
          eventId: checkin,
          item: '安全知识抢答',
          results: [
            { place: 1, award: '一等奖', signupId: signupIds[LIU] },
            { place: 2, award: '二等奖', signupId: signupIds[ZHOU] },
          ],
        }),
      )
      expect(recorded.results).toHaveLength(2)
      const shown = dataOf(await ev(B.zheng, 'getEvent', { eventId: checkin })).results
      expect(shown).toEqual(
        expect.arrayContaining([
          { item: '安全知识抢答', place: 1, award: '一等奖', winner: '刘*', unionName: BUILD },
          { item: '安全知识抢答', place: 2, award: '二等奖', winner: '周*', unionName: BUILD },
        ]),
      )
      expect(shown).toHaveLength(2)
    })

    test('recording an item again replaces its lines', async () => {
      dataOf(await ev(CHAIR, 'recordResults', { eventId: checkin, item: '安全知识抢答', results: [{ place: 1, award: '冠军', signupId: signupIds[ZHOU] }] }))
      const shown = dataOf(await ev(LIU, 'getEvent', { eventId: checkin })).results
      expect(shown).toEqual([{ item: '安全知识抢答', place: 1, award: '冠军', winner: '周*', unionName: BUILD }])
    })

    test('two items whose names begin alike keep their own results', async () => {
      dataOf(await ev(CHAIR, 'recordResults', { eventId: checkin, item: '安全知识竞赛', results: [{ place: 1, award: '一等奖', signupId: signupIds[B.wugang] }] }))
      const shown = dataOf(await ev(LIU, 'getEvent', { eventId: checkin })).results
      expect(shown).toEqual(
        expect.arrayContaining([
          { item: '安全知识抢答', place: 1, award: '冠军', winner: '周*', unionName: BUILD },
          { item: '安全知识竞赛', place: 1, award: '一等奖', winner: '吴*', unionName: BUILD },
        ]),
      )
      expect(shown).toHaveLength(2)
    })

    test('results only for contests, from the start on, for people who checked in', async () => {
      const absent = errorOf(await ev(CHAIR, 'recordResults', { eventId: checkin, item: '安全知识抢答', results: [{ place: 3, award: '三等奖', signupId: signupIds[B.zheng] }] }))
      expect(absent).toMatchObject({ code: 'INVALID_INPUT', message: '只能为已签到的人或队伍录入成绩' })
      const lecture = await published(CHAIR, 'u-build', { title: '劳动法知识讲座', kind: 'training' })
      await moveEvent(lecture, { startAt: new Date(Date.now() - MIN) })
      expect(errorOf(await ev(CHAIR, 'recordResults', { eventId: lecture, item: '听讲', results: [] }))).toMatchObject({ code: 'CONFLICT', message: '这类活动没有比赛成绩' })
      const later = await published(CHAIR, 'u-build', { title: '焊工技能比武', kind: 'skills' })
      expect(errorOf(await ev(CHAIR, 'recordResults', { eventId: later, item: '焊接', results: [] }))).toMatchObject({ code: 'CONFLICT', message: '活动开始后才能录入成绩' })
      expect(await count('event_results', { eventId: _in([lecture, later]) })).toBe(0)
    })

    test('a worker cannot record results, and a sign-up of another event is refused', async () => {
      const before = dataOf(await ev(LIU, 'getEvent', { eventId: checkin })).results
      expect(errorOf(await ev(LIU, 'recordResults', { eventId: checkin, item: '安全知识抢答', results: [{ place: 1, award: '', signupId: signupIds[LIU] }] })).code).toBe('FORBIDDEN')
      const foreign = errorOf(await ev(CHAIR, 'recordResults', { eventId: checkin, item: '拔河', results: [{ place: 1, award: '', signupId: `${checkin}x.0000` }] }))
      expect(foreign).toMatchObject({ code: 'INVALID_INPUT', message: '只能为报名成功的人录入成绩' })
      expect(dataOf(await ev(LIU, 'getEvent', { eventId: checkin })).results).toEqual(before)
      expect(before.length).toBeGreaterThan(0)
    })
  })
})

describe('每小时: reminders before the start, absences after the end', () => {
  let soon = ''
  beforeAll(async () => {
    const now = Date.now()
    soon = await published(CHAIR, 'u-build', {
      title: '消防演练',
      kind: 'training',
      capacity: 1,
      startAt: new Date(now + 5 * HOUR),
      endAt: new Date(now + 7 * HOUR),
      signupClosesAt: new Date(now + 4 * HOUR),
    })
    dataOf(await signUp(B.song, soon))
    dataOf(await signUp(B.feng, soon)) // waitlisted
  })

  test('confirmed people hear about an event starting within a day, once; the queue does not', async () => {
    const first = z.object({ ok: z.literal(true), data: z.object({ reminded: z.number(), closed: z.number() }) }).parse(await cloud.invokeTimer('events', 'eventsHourly'))
    expect(first.data.reminded).toBeGreaterThanOrEqual(1)
    const told = await inboxOf(B.song, 'eventReminder')
    expect(told.filter((m) => String(m.page).includes(soon))).toHaveLength(1)
    expect((await inboxOf(B.feng, 'eventReminder')).filter((m) => String(m.page).includes(soon))).toHaveLength(0)
    // a second run tells nobody twice
    await cloud.invokeTimer('events', 'eventsHourly')
    expect((await inboxOf(B.song, 'eventReminder')).filter((m) => String(m.page).includes(soon))).toHaveLength(1)
  })

  test('an ended event is closed: who never checked in is marked absent', async () => {
    const checkin = String((await adminDb().find('events', { title: '安全生产培训' }))[0]._id)
    await cloud.invokeTimer('events', 'eventsHourly')
    expect(await one('events', checkin)).toMatchObject({ status: 'finished' })
    const rows = dataOf(await ev(CHAIR, 'participants', { eventId: checkin, status: 'confirmed' })).rows
    expect(rows.map((r) => r.attendance).sort()).toEqual(['已签到', '已签到', '缺席', '迟到'].sort())
    expect(dataOf(await ev(LIU, 'getEvent', { eventId: checkin }))).toMatchObject({ status: 'finished', statusLabel: '已结束' })
    expect(errorOf(await signUp(B.song, checkin))).toMatchObject({ code: 'CONFLICT', message: '活动已结束' })
  })
})

describe('报名名单与导出: counts by unit, each unit its own rows', () => {
  let report = ''

  beforeAll(async () => {
    report = await published(STAFF, 'u-street-wangjing', {
      title: '望京街道职工歌咏比赛',
      scope: 'subtree',
      capacity: 3,
      fields: [{ key: 'f1', label: '声部', type: 'choice', options: ['高音', '中音', '低音'] }],
    })
    dataOf(await signUp(LIU, report, { answers: { f1: '低音' } }))
    dataOf(await signUp(WANG, report, { answers: { f1: '高音' } }))
    dataOf(await signUp(ZHOU, report, { answers: { f1: '中音' } }))
    dataOf(await signUp(ZHAO, report, { answers: { f1: '高音' } })) // waitlisted
  })

  test('the organiser sees everyone, with counts per unit', async () => {
    const page = dataOf(await ev(STAFF, 'participants', { eventId: report }))
    expect(page.title).toBe('望京街道职工歌咏比赛')
    expect(page.totals).toMatchObject({ confirmed: 3, waitlisted: 1, pending: 0, checkedIn: 0, capacity: 3 })
    const counts = Object.fromEntries(page.counts.map((c) => [c.unionId, [c.unionName, c.confirmed, c.waitlisted]]))
    expect(counts).toEqual({ 'u-build': [BUILD, 2, 0], 'u-tech': [TECH, 1, 1] })
    expect(page.rows).toHaveLength(4)
    const liu = page.rows.find((r) => r.unionName === BUILD && r.answers.some((a) => a.value === '低音'))
    expect(liu).toMatchObject({ status: 'confirmed', statusLabel: '报名成功', answers: [{ label: '声部', value: '低音' }] })
    const waiting = dataOf(await ev(STAFF, 'participants', { eventId: report, status: 'waitlisted' })).rows
    expect(waiting).toHaveLength(1)
    expect(waiting[0]).toMatchObject({ unionName: TECH, status: 'waitlisted' })
  })

  test('a grassroots chair sees only the rows of his own unit', async () => {
    const page = dataOf(await ev(CHAIR, 'participants', { eventId: report }))
    expect(page.rows).toHaveLength(2)
    expect(page.rows.every((r) => r.unionName === BUILD)).toBe(true)
    expect(page.counts.map((c) => c.unionId)).toEqual(['u-build'])
    // asking for another unit does not show it
    expect(errorOf(await ev(CHAIR, 'participants', { eventId: report, unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    expect(errorOf(await exp(CHAIR, { eventId: report, format: 'csv', unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    // the tech company's chair sees his two
    const tech = dataOf(await ev(TECH_CHAIR, 'participants', { eventId: report }))
    expect(tech.rows.map((r) => r.unionName)).toEqual([TECH, TECH])
  })

  test('the organiser’s list of events shows the same counts', async () => {
    const items = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const got = dataOf(await ev(STAFF, 'manageList', { limit: 10, ...(cursor ? { cursor } : {}) }))
      items.push(...got.items)
      if (!got.nextCursor) break
      cursor = got.nextCursor
    }
    expect(new Set(items.map((i) => i.eventId)).size).toBe(items.length)
    expect(items.find((i) => i.eventId === report)).toMatchObject({ confirmed: 3, waitlisted: 1, pending: 0, scope: 'subtree', seatsLeft: 0 })
    expect(errorOf(await ev(WANG, 'manageList', {})).code).toBe('FORBIDDEN')
  })

  test('a worker and another federation’s staff see no list', async () => {
    expect(errorOf(await ev(WANG, 'participants', { eventId: report })).code).toBe('FORBIDDEN')
    expect(errorOf(await ev(GIG_STAFF, 'participants', { eventId: report })).code).toBe('FORBIDDEN')
    expect(errorOf(await exp(WANG, { eventId: report, format: 'csv' })).code).toBe('FORBIDDEN')
  })

  const fetchFile = async (url: string) => {
    const res = await fetch(url)
    expect(res.status).toBe(200)
    return Buffer.from(await res.arrayBuffer())
  }
  const sheetRows = async (buffer: Buffer, sheetIndex = 0) => {
    const book = new ExcelJS.Workbook()
    // exceljs declares its own global `Buffer` (extends ArrayBuffer) that Node's generic Buffer does not satisfy in types
    await book.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    const sheet = book.worksheets[sheetIndex]
    const rows: string[][] = []
    sheet.eachRow((row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : []
      rows.push(values.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))))
    })
    return rows
  }

  const HEADER = ['序号', '姓名', '所在单位', '报名状态', '签到', '声部', '报名时间']
  /** a row without its first (序号) and last (报名时间) cells */
  const core = (r: string[]) => r.slice(1, -1)

  test('the organiser exports an Excel file: title, header and one row per person', async () => {
    const file = dataOf(await exp(STAFF, { eventId: report, format: 'xlsx' }))
    expect(file.rows).toBe(4)
    expect(file.fileName).toMatch(/\.xlsx$/)
    const rows = await sheetRows(await fetchFile(file.url))
    exported.push(JSON.stringify(rows))
    expect(rows[0]).toEqual(['望京街道职工歌咏比赛 报名名单'])
    const at = rows.findIndex((r) => r.includes('姓名'))
    expect(rows[at]).toEqual(HEADER)
    const body = rows.slice(at + 1)
    expect(body.map((r) => r[0])).toEqual(['1', '2', '3', '4'])
    expect(body.every((r) => /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(r[r.length - 1]))).toBe(true)
    expect(body.map(core).sort()).toEqual(
      [
        ['刘洋', BUILD, '报名成功', '未签到', '低音'],
        ['周健', BUILD, '报名成功', '未签到', '中音'],
        ['王芳', TECH, '报名成功', '未签到', '高音'],
        ['赵敏', TECH, '候补中', '', '高音'],
      ].sort(),
    )
  })

  test('a CSV export of a grassroots chair holds only his unit', async () => {
    const file = dataOf(await exp(CHAIR, { eventId: report, format: 'csv' }))
    expect(file.rows).toBe(2)
    expect(file.fileName).toMatch(/\.csv$/)
    const bytes = await fetchFile(file.url)
    // a BOM, so Excel opens the Chinese text correctly
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    exported.push(text)
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(','))
    expect(lines[0]).toEqual(HEADER)
    expect(lines.slice(1).map(core).sort()).toEqual(
      [
        ['刘洋', BUILD, '报名成功', '未签到', '低音'],
        ['周健', BUILD, '报名成功', '未签到', '中音'],
      ].sort(),
    )
    expect(text).not.toContain(TECH)
  })

  test('each unit names one 领队; the organiser sees them in the counts and on the Excel summary sheet', async () => {
    const lead = { eventId: report, unionId: 'u-build', name: '刘建军', phone: '13900001111' }
    expect(dataOf(await ev(CHAIR, 'setUnitLead', lead))).toEqual({ unionId: 'u-build', unionName: BUILD, name: '刘建军', phone: '13900001111' })
    // a unit's chair names only his own unit's; a worker none; bad input is refused per field and stores nothing
    expect(errorOf(await ev(CHAIR, 'setUnitLead', { ...lead, unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    expect(errorOf(await ev(WANG, 'setUnitLead', { ...lead, unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    const bad = errorOf(await raw(TECH_CHAIR, 'setUnitLead', { eventId: report, unionId: 'u-tech', name: '', phone: '123' }))
    expect(bad.code).toBe('INVALID_INPUT')
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['name', 'phone'])
    expect(await count('event_unit_leads', { eventId: report })).toBe(1)
    // naming again replaces the earlier one
    dataOf(await ev(STAFF, 'setUnitLead', { ...lead, name: '刘建国' }))
    const counts = dataOf(await ev(STAFF, 'participants', { eventId: report })).counts
    expect(counts.find((c) => c.unionId === 'u-build')).toMatchObject({ leadName: '刘建国', leadPhone: '13900001111', confirmed: 2 })
    expect(counts.find((c) => c.unionId === 'u-tech')).toMatchObject({ leadName: '', leadPhone: '' })
    const file = dataOf(await exp(STAFF, { eventId: report, format: 'xlsx' }))
    const summary = await sheetRows(await fetchFile(file.url), 1)
    expect(summary[0]).toEqual(['单位', '报名成功', '待审核', '候补', '已签到', '领队', '领队电话'])
    expect(summary).toContainEqual([BUILD, '2', '0', '0', '0', '刘建国', '13900001111'])
  })

  test('for a subtree event, the chair of a unit checks in his own unit’s people only', async () => {
    const now = Date.now()
    await moveEvent(report, { signupClosesAt: new Date(now - 10 * MIN), startAt: new Date(now + 30 * MIN), endAt: new Date(now + 3 * HOUR) })
    const liu = dataOf(await ev(LIU, 'eventPass', { eventId: report }))
    const wang = dataOf(await ev(WANG, 'eventPass', { eventId: report }))
    expect(dataOf(await ev(CHAIR, 'checkIn', { token: liu.token }))).toMatchObject({ name: '刘*', unionName: BUILD, already: false })
    expect(errorOf(await ev(CHAIR, 'checkIn', { token: wang.token })).code).toBe('FORBIDDEN')
    expect(await mine(WANG, report)).toMatchObject({ checkedInAt: null })
    expect(dataOf(await ev(TECH_CHAIR, 'checkIn', { token: wang.token }))).toMatchObject({ name: '王*', unionName: TECH })
    expect(dataOf(await ev(STAFF, 'participants', { eventId: report })).totals).toMatchObject({ checkedIn: 2 })
  })
})

describe('my sign-ups', () => {
  test('lists the events a person signed up for, with status and attendance', async () => {
    const list = dataOf(await ev(LIU, 'mySignups', { limit: 50 }))
    expect(list.items.length).toBeGreaterThanOrEqual(5)
    const titles = list.items.map((i) => i.title)
    expect(titles).toEqual(expect.arrayContaining(['安全生产培训', '职工书法培训班', '职工羽毛球赛']))
    expect(list.items.find((i) => i.title === '安全生产培训')).toMatchObject({ status: 'confirmed', attendance: '已签到' })
    expect(list.items.find((i) => i.title === '职工羽毛球赛')).toMatchObject({ eventStatus: 'cancelled' })
    expect(list.items.find((i) => i.title === '职工疗休养（需审核）')).toMatchObject({ status: 'rejected', statusLabel: '未通过' })
  })
})

describe('nothing private leaves the server', () => {
  test('callers without a WeChat identity are refused', async () => {
    expect(errorOf(await cloud.callAs('', 'events', 'browse', {})).code).toBe('UNAUTHENTICATED')
  })

  test('no answer, message, inbox item or exported file carries an ID number', async () => {
    expect(answers.length).toBeGreaterThan(500)
    assertNoSensitive(answers, SEED_IDS)
    assertNoSensitive(exported, SEED_IDS)
    assertNoSensitive(cloud.outbox.list(), SEED_IDS)
    assertNoSensitive(await findAll('inbox', {}), SEED_IDS)
    assertNoSensitive(await findAll('outbox', {}), SEED_IDS)
  })

  test('no events answer, as the function sent it, names anyone by openid', async () => {
    const sent = JSON.stringify(answers)
    expect(sent).not.toMatch(/"openid"\s*:/)
    for (const other of [LIU, ZHOU, ZHAO, B.mali, B.wugang]) expect(sent).not.toContain(`"${other}"`)
  })
})
