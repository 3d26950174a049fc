import { z } from 'zod'
import { defineActions } from '../contract/action'

/**
 * What the 活动 tab lists (the next events as cards) and the statuses and labels a card shows, apart from the
 * other event schemas (./schemas re-exports these): the tab sits in the main package, whose size is capped,
 * while the forms, records and organiser views stay in the events subpackage. `eventsActions` includes `browse`.
 */

export const EventKind = z.enum(['sports', 'skills', 'training', 'women', 'warmth', 'other'], { error: '请选择活动类型' })
export type EventKind = z.infer<typeof EventKind>
export const eventKindLabel: Record<EventKind, string> = {
  sports: '文体活动',
  skills: '技能竞赛',
  training: '培训',
  women: '女职工活动',
  warmth: '送温暖',
  other: '其他',
}

export const EventStatus = z.enum(['draft', 'published', 'cancelled', 'finished'])
export type EventStatus = z.infer<typeof EventStatus>
export const eventStatusLabel: Record<EventStatus, string> = { draft: '未发布', published: '报名中', cancelled: '已取消', finished: '已结束' }

export const SignupStatus = z.enum(['confirmed', 'pending', 'waitlisted', 'rejected', 'cancelled'])
export type SignupStatus = z.infer<typeof SignupStatus>
export const signupStatusLabel: Record<SignupStatus, string> = {
  confirmed: '报名成功',
  pending: '待审核',
  waitlisted: '候补中',
  rejected: '未通过',
  cancelled: '已取消',
}

const Day = z.coerce.date()

export const EventCard = z.object({
  eventId: z.string(),
  title: z.string(),
  kind: EventKind,
  kindLabel: z.string(),
  unionName: z.string(),
  place: z.string(),
  startAt: Day,
  endAt: Day,
  signupClosesAt: Day,
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  status: EventStatus,
  statusLabel: z.string(),
  coverUrl: z.string(),
  /** my sign-up's status, if any */
  mine: SignupStatus.nullable(),
})
export type EventCard = z.infer<typeof EventCard>

export const Cursor = z.string().max(200)
export const BrowseInput = z.object({
  kind: EventKind.optional(),
  /** only events starting on or after / before these days */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
})
export const EventPage = z.object({ items: z.array(EventCard), nextCursor: z.string().nullable() })

export const browseActions = defineActions('events', { browse: [BrowseInput, EventPage] })
