import ExcelJS from 'exceljs'
import { z } from 'zod'
import type { AnyAction, Envelope, InputOf, OutputOf } from '../../shared/contract'
import { eventsActions, eventsExportActions } from '../../shared/events/actions'
import type { EventFieldsInput } from '../../shared/events/schemas'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { role } from '../helpers/roles'
import { dataOf, errorOf } from '../helpers/envelopes'
import { adminDb } from './adminDb'

/**
 * What an organiser does with the people of an event (issue 10): protected questions (手机号, 身份证号)
 * sealed at rest and masked on the list and the export; 按姓名签到 at the desk for a worker without a
 * working phone; 移出 with a reason (the place goes to the queue, both are told); and the optional
 * "promoted people confirm within N hours or the place moves on", run by the hourly timer.
 */

jest.setTimeout(30_000)

process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const CHAIR = 'demo-chair' // 张建国, chair of 建筑公司工会
const WANG = 'demo-worker' // 王芳, member of 科技公司工会: organises nothing
/** members of 建筑公司工会, added here; the first has a phone on file ending 4321 */
const P = ['eo-a', 'eo-b', 'eo-c', 'eo-d', 'eo-e', 'eo-f', 'eo-g', 'eo-h', 'eo-i', 'eo-j']
const NAMES = ['马晓丽', '吴刚', '郑小强', '冯雪', '何平', '宋佳', '韩梅', '杜明', '林涛', '罗兰']

const ID_17 = '11010519880512003'
const ID = ID_17 + idCheckChar(ID_17)
const WRONG_CHECK = ID_17 + (idCheckChar(ID_17) === '1' ? '2' : '1')
const MOBILE = '13712345678'

let cloud: TestCloud
const answers: unknown[] = []

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  const at = new Date('2024-01-01T00:00:00Z')
  await cloud.db.seed({
    roles: P.map((p) => role(p, 'u-build', 'member', BUILD_PATH)),
    users: P.map((p, i) => ({ _id: p, openid: p, nickName: NAMES[i], createdAt: at, updatedAt: at })),
    member_profiles: P.map((p, i) => ({
      _id: p,
      openid: p,
      name: NAMES[i],
      phone: i === 0 ? '13900004321' : null,
      phoneVerified: false,
      idNumber: null,
      gender: i % 2 ? 'male' : 'female',
      birthYear: 1990,
      workerType: 'employee',
      employer: '北京某建筑工程有限公司',
      job: '工人',
      area: '望京街道',
      currentMembershipId: null,
      openRequest: null,
      requestSeq: 0,
      createdAt: at,
      updatedAt: at,
    })),
  })
}, 60_000)
afterAll(() => cloud.cleanup())

type EA = typeof eventsActions
async function callRaw<A extends AnyAction>(openid: string, action: A, input: InputOf<A>): Promise<Envelope<OutputOf<A>>> {
  const envelope = await cloud.callAs(openid, action.fn, action.name, input)
  answers.push(envelope)
  if (!envelope.ok) return envelope
  const parsed = z.safeParse<A['output']>(action.output, envelope.data)
  if (!parsed.success) throw new Error(`${action.fn}.${action.name} answered outside its contract: ${parsed.error.message}`)
  return { ok: true, data: parsed.data }
}
const ev = <K extends keyof EA>(openid: string, name: K, input: InputOf<EA[K]>) => callRaw(openid, eventsActions[name], input)
async function raw(openid: string, action: keyof EA, input: unknown) {
  const envelope = await cloud.callAs(openid, 'events', action, input)
  answers.push(envelope)
  return envelope
}

const one = async (collection: string, _id: string) => (await adminDb().find(collection, { _id }))[0]
const counters = async (eventId: string) => {
  const e = z.object({ taken: z.number(), waiting: z.number() }).parse(await one('events', eventId))
  return { taken: e.taken, waiting: e.waiting }
}
const inboxOf = (openid: string) => adminDb().find('inbox', { openid, template: 'eventSignup' })
const historyOf = (eventId: string, action: string) => adminDb().find('event_history', { eventId, action })
const mine = async (openid: string, eventId: string) => dataOf(await ev(openid, 'getEvent', { eventId })).my
async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = cloud.adminRequests()
  const result = await work()
  return { result, trips: cloud.adminRequests() - before }
}

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

function eventInput(over: Partial<EventFieldsInput> = {}): EventFieldsInput {
  const now = Date.now()
  return {
    title: '职工篮球赛',
    kind: 'sports',
    place: '望京体育馆',
    startAt: new Date(now + 3 * DAY),
    endAt: new Date(now + 3 * DAY + 3 * HOUR),
    signupOpensAt: new Date(now - HOUR),
    signupClosesAt: new Date(now + 2 * DAY),
    capacity: 20,
    ...over,
  }
}
async function published(over: Partial<EventFieldsInput> = {}): Promise<string> {
  const saved = dataOf(await ev(CHAIR, 'saveEvent', { unionId: 'u-build', event: eventInput(over) }))
  expect(dataOf(await ev(CHAIR, 'publishEvent', { eventId: saved.eventId, expectedVersion: saved.version })).status).toBe('published')
  return saved.eventId
}
const signUp = (openid: string, eventId: string, a: Record<string, string | number> = {}) => ev(openid, 'signUp', { eventId, answers: a })
const signupOf = async (eventId: string, openid: string) => (await adminDb().find('event_signups', { eventId, openid }))[0]

describe('手机号 and 身份证号 questions: checked, sealed at rest, masked on the list and the export', () => {
  let eventId = ''
  beforeAll(async () => {
    eventId = await published({
      title: '职工体检',
      kind: 'other',
      fields: [
        { key: 'f1', label: '联系电话', type: 'phone' },
        { key: 'f2', label: '身份证号', type: 'idNumber' },
      ],
    })
  })

  test('a wrong mobile number or ID number is refused field by field, and nothing is stored', async () => {
    const wrong = errorOf(await signUp(P[0], eventId, { f1: '12345', f2: WRONG_CHECK }))
    expect(wrong.code).toBe('INVALID_INPUT')
    expect(wrong.fields).toMatchObject({ 'answers.f1': '请填写11位手机号码', 'answers.f2': '身份证号最后一位校验码不对，请核对' })
    expect(await signupOf(eventId, P[0])).toBeUndefined()
    expect(await counters(eventId)).toEqual({ taken: 0, waiting: 0 })
  })

  test('the stored sign-up holds no clear number; the organiser’s list and the Excel export show them masked', async () => {
    const signed = await roundTrips(() => signUp(P[0], eventId, { f1: MOBILE, f2: ID.toLowerCase() }))
    expect(dataOf(signed.result)).toMatchObject({ status: 'confirmed', answers: { f1: '137****5678', f2: `${ID.slice(0, 4)}**********${ID.slice(-4)}` } })
    // sealing costs no round trip: a sign-up stays within the events budget
    expect(signed.trips).toBeLessThanOrEqual(6)

    const stored = await signupOf(eventId, P[0])
    const text = JSON.stringify(stored)
    expect(text).not.toContain(MOBILE)
    expect(text).not.toContain(ID)
    expect(stored).toMatchObject({ answers: { f1: '137****5678' }, sealedAnswers: { f1: { masked: '137****5678', enc: expect.objectContaining({ ct: expect.any(String) }) } }, phoneTail: '5678' })

    const list = dataOf(await ev(CHAIR, 'participants', { eventId }))
    expect(list.rows[0]?.answers).toEqual([
      { label: '联系电话', value: '137****5678' },
      { label: '身份证号', value: `${ID.slice(0, 4)}**********${ID.slice(-4)}` },
    ])

    const file = dataOf(await callRaw(CHAIR, eventsExportActions.exportParticipants, { eventId, format: 'xlsx' }))
    const res = await fetch(file.url)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    const cells: string[] = []
    book.worksheets[0]?.eachRow((row) => (Array.isArray(row.values) ? row.values : []).forEach((v) => cells.push(String(v ?? ''))))
    expect(cells).toEqual(expect.arrayContaining(['137****5678', `${ID.slice(0, 4)}**********${ID.slice(-4)}`]))
    expect(cells.join(' ')).not.toContain(MOBILE)
    expect(cells.join(' ')).not.toContain(ID)
  })
})

describe('查看完整号码: the organiser only, every view in the audit log', () => {
  test('the full number comes back only to the organiser, with a line in audit_log naming who looked at whose answer', async () => {
    const eventId = String((await adminDb().find('events', { title: '职工体检' }))[0]?._id)
    const signupId = String((await signupOf(eventId, P[0]))._id)
    expect(errorOf(await ev(WANG, 'revealAnswer', { eventId, signupId, key: 'f2' })).code).toBe('FORBIDDEN')
    expect(await adminDb().count('audit_log', { subjectId: signupId })).toBe(0)
    const envelope = await cloud.callAs(CHAIR, 'events', 'revealAnswer', { eventId, signupId, key: 'f2' })
    expect(envelope).toMatchObject({ ok: true, data: { label: '身份证号', value: ID } })
    expect(await adminDb().find('audit_log', { subjectId: signupId })).toEqual([
      expect.objectContaining({ actorOpenid: CHAIR, action: 'reveal_field', subjectCollection: 'event_signups', field: 'sealedAnswers.f2', subjectOpenid: P[0] }),
    ])
  })
})

describe('按姓名签到: the desk finds a person by name or phone tail and checks them in, recorded', () => {
  let eventId = ''
  beforeAll(async () => {
    const now = Date.now()
    // starts in half an hour: check-in is open
    eventId = await published({
      title: '安全知识讲座',
      kind: 'training',
      capacity: 2,
      startAt: new Date(now + 30 * MIN),
      endAt: new Date(now + 3 * HOUR),
      signupClosesAt: new Date(now + 20 * MIN),
    })
    for (const p of [P[0], P[1], P[2]]) dataOf(await signUp(p, eventId))
  })

  test('found by part of the name and by the last 4 digits of the phone on file; only the organisers may look', async () => {
    const byName = dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '晓丽' })).matches
    expect(byName).toEqual([expect.objectContaining({ name: '马晓丽', phoneTail: '4321', status: 'confirmed', checkedIn: false })])
    const byTail = dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '4321' })).matches
    expect(byTail.map((m) => m.name)).toEqual(['马晓丽'])
    // a pattern typed is matched literally
    expect(dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '.*' })).matches).toEqual([])
    expect(errorOf(await ev(WANG, 'findParticipant', { eventId, query: '马' })).code).toBe('FORBIDDEN')
    expect(errorOf(await raw(CHAIR, 'findParticipant', { eventId, query: ' ' })).fields).toMatchObject({ query: '请输入姓名或手机尾号' })
  })

  test('the organiser checks the person in; the history says who checked whom in; a second tap says when', async () => {
    const [match] = dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '吴刚' })).matches
    if (!match) throw new Error('吴刚 not found')
    expect(errorOf(await ev(WANG, 'checkInByName', { eventId, signupId: match.signupId })).code).toBe('FORBIDDEN')
    const done = dataOf(await ev(CHAIR, 'checkInByName', { eventId, signupId: match.signupId }))
    expect(done).toMatchObject({ name: '吴*', already: false, late: false })
    expect(await one('event_signups', match.signupId)).toMatchObject({ checkedInAt: expect.any(Date) })
    expect(await historyOf(eventId, 'checkin')).toEqual([expect.objectContaining({ actorOpenid: CHAIR, note: `${match.signupId} manual` })])
    expect(dataOf(await ev(CHAIR, 'checkInByName', { eventId, signupId: match.signupId })).already).toBe(true)
    expect(dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '吴刚' })).matches[0]).toMatchObject({ checkedIn: true, attendance: '已签到' })
  })

  test('someone still waiting for a place cannot be checked in', async () => {
    const [waiting] = dataOf(await ev(CHAIR, 'findParticipant', { eventId, query: '郑小强' })).matches
    expect(waiting?.status).toBe('waitlisted')
    expect(errorOf(await ev(CHAIR, 'checkInByName', { eventId, signupId: waiting?.signupId ?? '' })).code).toBe('CONFLICT')
  })
})

describe('移出报名人 with a reason: the place goes to the queue, both are told', () => {
  let eventId = ''
  beforeAll(async () => {
    eventId = await published({ title: '拔河比赛', capacity: 1 })
    expect(dataOf(await signUp(P[3], eventId)).status).toBe('confirmed')
    expect(dataOf(await signUp(P[4], eventId)).status).toBe('waitlisted')
  })

  test('only the organiser removes, and only with a reason', async () => {
    const target = (await signupOf(eventId, P[3]))._id as string
    expect(errorOf(await ev(WANG, 'removeParticipant', { eventId, signupId: target, reason: '未参加赛前培训' })).code).toBe('FORBIDDEN')
    expect(errorOf(await raw(CHAIR, 'removeParticipant', { eventId, signupId: target, reason: '' })).fields).toMatchObject({ reason: '请填写移出原因（至少2个字）' })
    expect(await signupOf(eventId, P[3])).toMatchObject({ status: 'confirmed' })
  })

  test('the removed person is told why, the first in the queue gets the place and is told; counters stay exact', async () => {
    const target = (await signupOf(eventId, P[3]))._id as string
    const removed = dataOf(await ev(CHAIR, 'removeParticipant', { eventId, signupId: target, reason: '未参加赛前培训' }))
    expect(removed).toEqual({ signupId: target, name: '冯雪', promoted: 1 })
    expect(await signupOf(eventId, P[3])).toMatchObject({ status: 'cancelled', holds: 'none', removedReason: '未参加赛前培训' })
    expect(await signupOf(eventId, P[4])).toMatchObject({ status: 'confirmed', holds: 'place' })
    expect(await counters(eventId)).toEqual({ taken: 1, waiting: 0 })
    const told = await inboxOf(P[3])
    expect(told).toEqual([expect.objectContaining({ title: '您已被移出活动', body: expect.stringContaining('未参加赛前培训') })])
    expect(await inboxOf(P[4])).toEqual([expect.objectContaining({ title: '候补成功' })])
    expect(await historyOf(eventId, 'remove')).toEqual([expect.objectContaining({ actorOpenid: CHAIR, note: `${target} 未参加赛前培训` })])
    // the person sees it on the event page and cannot sign themselves back in
    expect(await mine(P[3], eventId)).toMatchObject({ status: 'cancelled', removedReason: '未参加赛前培训' })
    expect(errorOf(await signUp(P[3], eventId)).code).toBe('FORBIDDEN')
    expect(await counters(eventId)).toEqual({ taken: 1, waiting: 0 })
    expect(errorOf(await ev(CHAIR, 'removeParticipant', { eventId, signupId: target, reason: '再移一次' })).code).toBe('CONFLICT')
  })
})

describe('候补递补后需确认: a promoted person confirms within N hours or the place moves on (hourly timer)', () => {
  let eventId = ''
  const expireNow = (openid: string) => adminDb().db.collection('event_signups').where({ eventId, openid }).update({ data: { confirmBy: new Date(Date.now() - MIN) } })

  beforeAll(async () => {
    eventId = await published({ title: '乒乓球赛', capacity: 1, confirmHours: 2 })
    expect(dataOf(await signUp(P[5], eventId)).status).toBe('confirmed')
    expect(dataOf(await signUp(P[6], eventId)).status).toBe('waitlisted')
    expect(dataOf(await signUp(P[7], eventId)).status).toBe('waitlisted')
  })

  test('the first promoted is asked to confirm, by when; not confirming in time passes the place on and tells both', async () => {
    dataOf(await ev(P[5], 'cancelSignup', { eventId }))
    const promoted = await mine(P[6], eventId)
    expect(promoted).toMatchObject({ status: 'confirmed' })
    expect(promoted?.confirmBy?.getTime()).toBeGreaterThan(Date.now() + HOUR)
    expect(await inboxOf(P[6])).toEqual([expect.objectContaining({ title: '候补成功，请确认参加', body: expect.stringContaining('确认参加') })])

    // before the deadline the timer leaves it alone
    await cloud.invokeTimer('events', 'eventsHourly')
    expect(await signupOf(eventId, P[6])).toMatchObject({ status: 'confirmed' })

    // "two hours pass"
    await expireNow(P[6])
    await cloud.invokeTimer('events', 'eventsHourly')
    expect(await signupOf(eventId, P[6])).toMatchObject({ status: 'cancelled', holds: 'none', confirmBy: null })
    expect(await inboxOf(P[6])).toEqual(expect.arrayContaining([expect.objectContaining({ title: '候补名额已顺延' })]))
    expect(await signupOf(eventId, P[7])).toMatchObject({ status: 'confirmed', holds: 'place', confirmBy: expect.any(Date) })
    expect(await inboxOf(P[7])).toEqual([expect.objectContaining({ title: '候补成功，请确认参加' })])
    expect(await historyOf(eventId, 'expire')).toHaveLength(1)
    expect(await counters(eventId)).toEqual({ taken: 1, waiting: 0 })
  })

  test('confirming keeps the place: the timer no longer moves it', async () => {
    const confirmed = dataOf(await ev(P[7], 'confirmPlace', { eventId }))
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmBy: null })
    expect(await historyOf(eventId, 'confirm')).toHaveLength(1)
    await cloud.invokeTimer('events', 'eventsHourly')
    expect(await signupOf(eventId, P[7])).toMatchObject({ status: 'confirmed', confirmBy: null })
    expect(await counters(eventId)).toEqual({ taken: 1, waiting: 0 })
  })

  test('an event that does not ask for it promotes for good', async () => {
    const plain = await published({ title: '羽毛球赛', capacity: 1 })
    dataOf(await signUp(P[8], plain))
    dataOf(await signUp(P[9], plain))
    dataOf(await ev(P[8], 'cancelSignup', { eventId: plain }))
    expect(await mine(P[9], plain)).toMatchObject({ status: 'confirmed', confirmBy: null })
  })
})

test('no answer a phone got carried the full mobile or ID number', () => {
  expect(answers.length).toBeGreaterThan(20)
  assertNoSensitive(answers, [ID, MOBILE])
})
