import { aidActions } from '../../shared/aid/actions'
import { eventsActions } from '../../shared/events/actions'
import { reviewActions } from '../../shared/requests/actions'
import { prepareDemo } from '../../local-cloud/demo'
import { listMovableEvents } from '../../local-cloud/demo/clock'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'

/**
 * The demo `npm start` prepares shows every stage on whatever day it runs: an event under way, 金秋助学
 * open, an application waiting for the chair and one past its 公示. The rules themselves are the real ones.
 */
jest.setTimeout(120_000)

const WANG = 'demo-worker'
const CHAIR = 'demo-chair'
const STAFF = 'demo-staff'

let cloud: TestCloud
const savedEnv = { ...process.env }

beforeAll(async () => {
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud({ seed: true, devLogin: true })
  expect(await prepareDemo(cloud)).toMatch(/^演示数据已准备/)
}, 120_000)
afterAll(async () => {
  await cloud.cleanup()
  process.env = savedEnv
})

describe('the demo on any date', () => {
  it('has an event under way: 王芳 holds a pass and check-in is open now', async () => {
    const events = await listMovableEvents()
    const now = Date.now()
    const underWay = events.filter((e) => e.startAt.getTime() <= now && e.endAt.getTime() > now)
    expect(underWay.map((e) => e.title)).toEqual(['职工书法摄影作品展'])
    const pass = dataOf(await cloud.callAction(WANG, eventsActions.eventPass, { eventId: underWay[0]._id }))
    const checked = dataOf(await cloud.callAction(STAFF, eventsActions.checkIn, { token: pass.token }))
    expect(checked.title).toBe('职工书法摄影作品展')
  })

  it('keeps the 60-minute rule for the events that have not started', async () => {
    const later = (await listMovableEvents()).find((e) => e.title === '安全生产知识竞赛')
    if (!later) throw new Error('no 安全生产知识竞赛')
    expect(errorOf(await cloud.callAction(CHAIR, eventsActions.checkInCode, { eventId: later._id })).message).toMatch(/^签到将于 \d{1,2}月\d{1,2}日 \d\d:\d\d 开放（活动开始前60分钟）$/)
  })

  it('has 金秋助学 open in the demo federation today', async () => {
    expect(dataOf(await cloud.callAction(WANG, aidActions.getApplyForm, { scheme: 'school' })).windowOpen).toBe(true)
  })

  it('has an application waiting for 张建国’s 初审 and one past its 公示 waiting for 陈静 to pay', async () => {
    const pending = dataOf(await cloud.callAction(CHAIR, reviewActions.listPending, { limit: 20 }))
    expect(pending.items.map((i) => [i.title, i.applicantName])).toEqual(expect.arrayContaining([['金秋助学（大学）', '周*']]))
    const toPay = dataOf(await cloud.callAction(STAFF, aidActions.listForPayment, {}))
    expect(toPay.items.map((i) => i.maskedName)).toEqual(['刘*'])
    const paid = dataOf(await cloud.callAction(STAFF, aidActions.recordPayment, { applicationId: toPay.items[0].id, reference: 'TX-DEMO-0001' }))
    expect(paid).toBeTruthy()
  })

  it('is made once: a second start changes nothing', async () => {
    expect(await prepareDemo(cloud)).toBeNull()
  })

  it('moves a record through time from /dev/time, only where dev sign-in is on', async () => {
    const quiz = (await listMovableEvents()).find((e) => e.title === '安全生产知识竞赛')
    if (!quiz) throw new Error('no 安全生产知识竞赛')
    const page = await fetch(`${cloud.url}/dev/time`)
    expect(await page.text()).toContain('安全生产知识竞赛')
    const moved = await fetch(`${cloud.url}/dev/time`, { method: 'POST', body: new URLSearchParams({ action: 'startEvent', id: quiz._id }) })
    expect(await moved.text()).toContain('现在可以签到')
    expect(dataOf(await cloud.callAction(CHAIR, eventsActions.checkInCode, { eventId: quiz._id }))).toBeTruthy()

    const plain = await startTestCloud({ seed: true })
    try {
      expect((await fetch(`${plain.url}/dev/time`)).status).toBe(404)
    } finally {
      await plain.cleanup()
    }
  })
})
