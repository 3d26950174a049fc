import { z } from 'zod'
import { envelopeOf } from '../../shared/contract'
import type { EventFieldsInput } from '../../shared/events/schemas'
import { eventsActions } from '../../shared/events/actions'
import type { LocalCloud } from '..'
import { actAs } from './act'
import { startEventNow } from './clock'

const Saved = envelopeOf(z.object({ eventId: z.string(), version: z.number() }))
const Count = z.object({ data: z.object({ total: z.number() }) })

const DAY = 86400_000
const HOUR = 3600_000
/** A time `days` from today at `hour` o'clock China time. */
function at(days: number, hour: number): Date {
  const d = new Date(Date.now() + 8 * HOUR + days * DAY)
  d.setUTCHours(hour - 8, 0, 0, 0)
  return d
}

/**
 * 演示活动 for `npm start`, created through the events function as the demo organisers (so they are
 * exactly what the app makes): a street-wide sports afternoon, a women-only health talk that needs a
 * review, and a team safety quiz at the construction company. Made once, when no event exists yet.
 */
export async function createDemoEvents(cloud: LocalCloud): Promise<number> {
  const existing = Count.parse(await cloud.db.handle('database.calculateDocument', { collectionName: 'events', query: '{}' }))
  if (existing.data.total > 0) return 0
  const demos: Array<{ openid: string; unionId: string; event: EventFieldsInput }> = [
    {
      openid: 'demo-staff',
      unionId: 'u-street-wangjing',
      event: {
        title: '迎新春职工趣味运动会',
        kind: 'sports',
        description: '项目：跳绳、慢骑自行车、立定跳远。每组5人淘汰赛，各项目取前六名颁奖。请各单位工会组织报名。',
        place: '望京街道文体中心',
        startAt: at(10, 14),
        endAt: at(10, 17),
        signupOpensAt: at(-1, 9),
        signupClosesAt: at(7, 18),
        capacity: 60,
        scope: 'subtree',
        fields: [
          { key: 'f1', label: '衣服尺码', type: 'choice', options: ['S', 'M', 'L', 'XL', 'XXL'] },
          { key: 'f2', label: '参加项目', type: 'choice', options: ['跳绳', '慢骑自行车', '立定跳远'] },
        ],
      },
    },
    {
      openid: 'demo-staff',
      unionId: 'u-street-wangjing',
      event: {
        title: '女职工健康知识讲座',
        kind: 'women',
        description: '邀请社区医院医生讲解女职工常见病预防，现场答疑。',
        place: '望京街道工会联合会三楼会议室',
        startAt: at(5, 9),
        endAt: at(5, 11),
        signupOpensAt: at(-1, 9),
        signupClosesAt: at(4, 18),
        capacity: 40,
        scope: 'subtree',
        gender: 'female',
        needsApproval: true,
      },
    },
    {
      openid: 'demo-chair',
      unionId: 'u-build',
      event: {
        title: '安全生产知识竞赛',
        kind: 'skills',
        description: '以班组为单位组队参赛，每队3人，必答题、抢答题、风险题三轮。',
        place: '项目部会议室',
        startAt: at(14, 19),
        endAt: at(14, 21),
        signupOpensAt: at(-1, 9),
        signupClosesAt: at(12, 18),
        capacity: 8,
        mode: 'team',
        teamSize: 3,
        fields: [{ key: 'f1', label: '班组', type: 'text' }],
      },
    },
  ]
  for (const demo of demos) await publish(cloud, demo)
  // Under way now: 王芳 signed up while sign-up was open, then the event is moved to have started half
  // an hour ago, so check-in (open from an hour before the start) and her pass can be shown today.
  const underWay = await publish(cloud, {
    openid: 'demo-staff',
    unionId: 'u-street-wangjing',
    event: {
      title: '职工书法摄影作品展',
      kind: 'sports',
      description: '展出街道各单位职工的书法和摄影作品，到场请出示活动入场码签到。',
      place: '望京街道职工之家',
      startAt: at(1, 14),
      endAt: at(1, 17),
      signupOpensAt: at(-1, 9),
      signupClosesAt: at(1, 12),
      capacity: 100,
      scope: 'subtree',
    },
  })
  await actAs(cloud, 'demo-worker', eventsActions.signUp, { eventId: underWay, answers: {} })
  await startEventNow(underWay)
  return demos.length + 1
}

async function publish(cloud: LocalCloud, demo: { openid: string; unionId: string; event: EventFieldsInput }): Promise<string> {
  const saved = Saved.parse(await cloud.invoke('events', { action: 'saveEvent', input: { unionId: demo.unionId, event: demo.event } }, { openid: demo.openid }))
  if (!saved.ok) throw new Error(`demo event ${demo.event.title}: ${saved.error.message}`)
  await cloud.invoke('events', { action: 'publishEvent', input: { eventId: saved.data.eventId, expectedVersion: saved.data.version } }, { openid: demo.openid })
  return saved.data.eventId
}
