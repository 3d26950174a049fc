import { z } from 'zod'
import { PersonName, Phone } from '../domain/person'
import { SealedField } from '../privacy/sealed'
import { UnionId } from '../union/schemas'
import { EventKind, EventStatus, SignupStatus, EventCard, Cursor } from './card'

// Declared in ./card (what the 活动 tab shows, in the main package); the rest of the event schemas stay in the events subpackage.
export { EventKind, eventKindLabel, EventStatus, eventStatusLabel, SignupStatus, signupStatusLabel, EventCard, Cursor, BrowseInput, EventPage } from './card'

/**
 * 工会活动: what a chair publishes and a worker signs up for. Inputs (what a form sends), stored
 * records (server-only) and views (what a phone receives) for the `events` cloud function.
 */

// ---- what an event is --------------------------------------------------------------------


/** Who the event is for: the organising union only, or a federation's whole subtree. */
export const EventScope = z.enum(['union', 'subtree'], { error: '请选择活动范围' })
export type EventScope = z.infer<typeof EventScope>

export const GenderRule = z.enum(['any', 'female', 'male'], { error: '请选择性别要求' })
export type GenderRule = z.infer<typeof GenderRule>
export const genderRuleLabel: Record<GenderRule, string> = { any: '不限', female: '仅限女职工', male: '仅限男职工' }

export const SignupMode = z.enum(['individual', 'team'], { error: '请选择个人报名或组队报名' })
export type SignupMode = z.infer<typeof SignupMode>


/**
 * An extra question on the sign-up form, chosen per event (衣服尺码, 班次 …). 手机号 and 身份证号 are
 * protected: checked when answered, sealed at rest, shown masked on the organiser's list and the export.
 */
export const FormFieldType = z.enum(['text', 'choice', 'number', 'phone', 'idNumber'], { error: '请选择填写项类型' })
export type FormFieldType = z.infer<typeof FormFieldType>
export const PROTECTED_FIELD_TYPES: readonly FormFieldType[] = ['phone', 'idNumber']
export const isProtectedField = (type: FormFieldType): boolean => PROTECTED_FIELD_TYPES.includes(type)

export const FormFieldKey = z.string().regex(/^f[0-9]{1,2}$/, '填写项编号不正确')

export const FormField = z
  .object({
    key: FormFieldKey,
    label: z.string({ error: '请填写填写项名称' }).trim().min(1, '请填写填写项名称').max(12, '填写项名称最多12个字'),
    type: FormFieldType,
    required: z.boolean().default(true),
    /** choices of a 'choice' field */
    options: z.array(z.string().trim().min(1, '选项不能为空').max(12, '每个选项最多12个字')).max(12, '选项最多12个').default([]),
    /** bounds of a 'number' field */
    min: z.number().int().nullable().default(null),
    max: z.number().int().nullable().default(null),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && f.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: '单选项至少要有2个选项' })
    if (f.type === 'number' && f.min !== null && f.max !== null && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['max'], message: '最大值不能小于最小值' })
  })
export type FormField = z.infer<typeof FormField>

export const MAX_CAPACITY = 2000
export const MAX_TEAM_SIZE = 12
export const TITLE_MAX = 30

const DateIn = z.coerce.date({ error: '请选择时间' })

/** 发布/修改活动: everything a chair fills in. The union comes separately (unionId). */
export const EventShape = z.object({
    title: z.string({ error: '请填写活动名称' }).trim().min(2, '活动名称至少2个字').max(TITLE_MAX, `活动名称最多${TITLE_MAX}个字`),
    kind: EventKind,
    description: z.string().trim().max(2000, '活动介绍最多2000个字').default(''),
    place: z.string({ error: '请填写活动地点' }).trim().min(2, '请填写活动地点').max(40, '活动地点最多40个字'),
    startAt: DateIn,
    endAt: DateIn,
    signupOpensAt: DateIn,
    signupClosesAt: DateIn,
    capacity: z.coerce
      .number({ error: '请填写名额' })
      .int('名额必须是整数')
      .min(1, '名额至少1个')
      .max(MAX_CAPACITY, `名额最多${MAX_CAPACITY}个`),
    scope: EventScope.default('union'),
    /** true: only members of the unions in scope; false: anyone may sign up (公开活动) */
    membersOnly: z.boolean().default(true),
    /** further limit to these unions (and their subtrees); empty = every union in scope */
    unionIds: z.array(UnionId).max(50, '最多选择50个工会').default([]),
    gender: GenderRule.default('any'),
    minAge: z.coerce.number().int('年龄必须是整数').min(16, '最小年龄不能小于16岁').max(80, '年龄填写不正确').nullable().default(null),
    maxAge: z.coerce.number().int('年龄必须是整数').min(16, '最大年龄不能小于16岁').max(80, '年龄填写不正确').nullable().default(null),
    mode: SignupMode.default('individual'),
    /** people per team, captain included (team mode only) */
    teamSize: z.coerce.number().int('每队人数必须是整数').min(2, '每队至少2人').max(MAX_TEAM_SIZE, `每队最多${MAX_TEAM_SIZE}人`).nullable().default(null),
    fields: z.array(FormField).max(8, '报名表最多8个填写项').default([]),
    /** sign-ups go through the request engine (审核) instead of confirming at once */
    needsApproval: z.boolean().default(false),
    /** minutes after the start a check-in still counts as on time */
    lateAfterMinutes: z.coerce.number().int().min(0).max(240).default(15),
    /**
     * 候补递补后需确认: someone promoted from the queue confirms within this many hours or the place moves
     * on to the next in line (the hourly timer); null = off, a promotion is final
     */
    confirmHours: z.coerce.number({ error: '请填写确认时限' }).int('确认时限必须是整数').min(1, '确认时限至少1小时').max(72, '确认时限最多72小时').nullable().default(null),
  })
export const EventFields = EventShape.superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (e.endAt <= e.startAt) issue('endAt', '结束时间要晚于开始时间')
    if (e.signupClosesAt <= e.signupOpensAt) issue('signupClosesAt', '报名截止时间要晚于报名开始时间')
    if (e.signupClosesAt > e.startAt) issue('signupClosesAt', '报名截止时间不能晚于活动开始时间')
    if (e.minAge !== null && e.maxAge !== null && e.minAge > e.maxAge) issue('maxAge', '最大年龄不能小于最小年龄')
    if (e.mode === 'team' && e.teamSize === null) issue('teamSize', '组队报名请填写每队人数')
    const keys = new Set<string>()
    e.fields.forEach((f, i) => {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: '填写项编号重复' })
      keys.add(f.key)
    })
  })
export type EventFields = z.infer<typeof EventFields>
export type EventFieldsInput = z.input<typeof EventFields>

export const EventId = z.string({ error: '请选择活动' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '活动编号不正确')
export const SignupId = z.string({ error: '请选择报名人' }).regex(/^[A-Za-z0-9_.-]{1,100}$/, '报名编号不正确')
export const Version = z.number({ error: '版本号不正确' }).int().min(1)

export const SaveEventInput = z.object({
  /** absent: a new draft */
  eventId: EventId.optional(),
  /** required when editing */
  expectedVersion: Version.optional(),
  unionId: UnionId,
  event: EventFields,
})

export const EventRef = z.object({ eventId: EventId })
export const VersionedEventRef = z.object({ eventId: EventId, expectedVersion: Version })
export const CancelEventInput = VersionedEventRef.extend({
  reason: z.string({ error: '请填写取消原因' }).trim().min(1, '请填写取消原因').max(60, '原因最多60个字'),
})

// ---- stored records (server only) ----------------------------------------------------------

/** `events` */
export const EventRecord = z.object({
  _id: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  /** `u:<unionId>` for one union's events, `t:<unionId>` for a subtree's: members look theirs up with one `in` */
  scopeKey: z.string(),
  ...EventShape.shape,
  coverFileId: z.string().default(''),
  status: EventStatus,
  /**
   * Places held (confirmed or pending sign-ups, a team by its captain), changed only by conditional
   * updates on this one document: a newcomer takes a place with `taken < capacity` (at the capacity they
   * read) and `waiting = 0`. Each is raised before the sign-up that uses it is written and lowered after
   * that sign-up let go, so the places really held never pass `taken`, and `taken` never passes `capacity`.
   */
  taken: z.number().int().min(0).default(0),
  /** sign-ups in the waiting queue, counted the same way (never fewer than really wait): while any wait, a freed place is theirs */
  waiting: z.number().int().min(0).default(0),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  cancelReason: z.string().default(''),
  /** reminders went out (活动开始提醒) */
  remindedAt: z.date().nullable().default(null),
  /** absences marked after the end */
  closedAt: z.date().nullable().default(null),
  version: z.number().int().min(1),
})
export type EventRecord = z.infer<typeof EventRecord>

/** Statuses that still count as taking part (a seat, a pending review or a place in the queue). */
export const ACTIVE_SIGNUP: readonly SignupStatus[] = ['confirmed', 'pending', 'waitlisted']

export const Answers = z.record(FormFieldKey, z.union([z.string().max(60), z.number()]))
export type Answers = z.infer<typeof Answers>

/** `event_signups`: _id is `<eventId>.<keyed hash of the openid>`, so a person holds at most one per event. */
export const SignupRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  openid: z.string(),
  name: z.string(),
  /** the union the person is a member of (their unit, 单位); '' for a non-member at an open event */
  unionId: z.string(),
  unionName: z.string(),
  status: SignupStatus,
  /**
   * What the sign-up counts against on the event: a place (`taken`), a place in the queue (`waiting`) or
   * nothing (a teammate, or ended and given back). An ended sign-up keeps what it held until the
   * counter is lowered, so the counter is lowered exactly once (see server/events/places.ts).
   */
  holds: z.enum(['place', 'queue', 'none']).default('none'),
  /** place in the waiting queue: the time the person joined it */
  queuedAt: z.date(),
  /** answers as lists show them: a protected field's (手机号, 身份证号) only masked */
  answers: Answers,
  /** the protected answers, sealed (server/privacy): never in clear at rest */
  sealedAnswers: z.record(FormFieldKey, SealedField).default({}),
  /** last 4 digits of the person's phone (profile or a 手机号 answer), for finding them at the check-in desk; '' when none */
  phoneTail: z.string().default(''),
  /** promoted from the queue at an event that asks for it: the place is theirs only if they confirm by then */
  confirmBy: z.date().nullable().default(null),
  /** why an organiser removed the person (移出), shown to them */
  removedReason: z.string().default(''),
  teamId: z.string(),
  teamRole: z.enum(['captain', 'member', 'none']),
  /** the approval request (needsApproval events) */
  requestId: z.string(),
  approved: z.boolean(),
  checkedInAt: z.date().nullable(),
  late: z.boolean(),
  noShow: z.boolean(),
  remindedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  cancelledAt: z.date().nullable(),
})
export type SignupRecord = z.infer<typeof SignupRecord>

/** `event_teams`: the captain's signup holds the seat; members join with the team code. */
export const TeamRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  name: z.string(),
  code: z.string(),
  captainSignupId: z.string(),
  members: z.array(z.object({ signupId: z.string(), name: z.string() })),
  size: z.number().int().min(2),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type TeamRecord = z.infer<typeof TeamRecord>

/** `event_results`: one line of 比赛成绩 (the top six of an item, an award). */
export const ResultRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  item: z.string(),
  place: z.number().int().min(1),
  award: z.string(),
  signupId: z.string(),
  /** shown on the event page: the person's name (masked) or the team's name, and the unit */
  winner: z.string(),
  unionName: z.string(),
  recordedBy: z.string(),
  recordedAt: z.date(),
})
export type ResultRecord = z.infer<typeof ResultRecord>

export const EventHistoryAction = z.enum([
  'create',
  'edit',
  'publish',
  'change',
  'cancel',
  'capacity',
  'export',
  'results',
  'close',
  'lead',
  'signup',
  'promote',
  /** the hourly timer set a place counter right after a crash left it high (server/events/repair.ts) */
  'recount',
  'approve',
  'reject',
  'withdraw',
  'leave',
  'checkin',
  'remove',
  'expire',
  'confirm',
])
/** `event_history`: append-only record of what organisers did (who, what, when, why). */
export const EventHistoryRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  action: EventHistoryAction,
  actorOpenid: z.string(),
  at: z.date(),
  note: z.string(),
})

/** `event_announcements`: a change or cancellation to tell every registered person; fanned out after commit, and by the timer if that stops halfway. */
export const AnnouncementRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  change: z.enum(['time', 'place', 'timePlace', 'cancel', 'reminder']),
  remark: z.string(),
  /** signups already told, as a cursor over their _id */
  doneUpTo: z.string(),
  finishedAt: z.date().nullable(),
  createdAt: z.date(),
})
export type AnnouncementRecord = z.infer<typeof AnnouncementRecord>

// ---- views ---------------------------------------------------------------------------------

const Day = z.coerce.date()



export const TeamView = z.object({
  teamId: z.string(),
  name: z.string(),
  /** shown only to the captain: teammates join with it */
  code: z.string().nullable(),
  size: z.number().int(),
  members: z.array(z.object({ signupId: z.string(), name: z.string(), isCaptain: z.boolean() })),
  isCaptain: z.boolean(),
})

export const MySignupView = z.object({
  signupId: z.string(),
  status: SignupStatus,
  statusLabel: z.string(),
  /** 1 = next in line (waitlisted only) */
  queuePosition: z.number().int().nullable(),
  answers: Answers,
  requestId: z.string(),
  checkedInAt: Day.nullable(),
  late: z.boolean(),
  noShow: z.boolean(),
  canCancel: z.boolean(),
  team: TeamView.nullable(),
  /** promoted from the queue: confirm by then (确认参加) or the place moves on; null when nothing to confirm */
  confirmBy: Day.nullable(),
  /** the organiser removed the person: why */
  removedReason: z.string(),
})
export type MySignupView = z.infer<typeof MySignupView>

export const ResultView = z.object({ item: z.string(), place: z.number().int(), award: z.string(), winner: z.string(), unionName: z.string() })

export const EventDetail = EventCard.extend({
  description: z.string(),
  scope: EventScope,
  membersOnly: z.boolean(),
  gender: GenderRule,
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  mode: SignupMode,
  teamSize: z.number().int().nullable(),
  fields: z.array(FormField),
  needsApproval: z.boolean(),
  signupOpensAt: Day,
  waitlisted: z.number().int(),
  cancelReason: z.string(),
  /** who may sign up, in plain words */
  rules: z.array(z.string()),
  /** null when the caller may sign up now; otherwise why not */
  blockedReason: z.string().nullable(),
  my: MySignupView.nullable(),
  results: z.array(ResultView),
  /** the caller organises this event (or a unit in it) */
  canManage: z.boolean(),
  version: z.number().int(),
})
export type EventDetail = z.infer<typeof EventDetail>

export const TeamChoice = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('create'), name: z.string({ error: '请填写队名' }).trim().min(2, '队名至少2个字').max(12, '队名最多12个字') }),
    z.object({ mode: z.literal('join'), code: z.string({ error: '请填写队伍邀请码' }).trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, '队伍邀请码是6位字母或数字') }),
  ],
  { error: '请选择创建队伍或加入队伍' },
)

export const SignUpInput = z.object({
  eventId: EventId,
  answers: Answers.default({}),
  team: TeamChoice.optional(),
})
export const CancelSignupInput = z.object({ eventId: EventId })
/** 确认参加: a person promoted from the queue keeps the place (events with confirmHours). */
export const ConfirmPlaceInput = z.object({ eventId: EventId })
export const RemoveTeammateInput = z.object({ eventId: EventId, signupId: SignupId })

export const MySignupItem = z.object({
  eventId: z.string(),
  title: z.string(),
  startAt: Day,
  place: z.string(),
  eventStatus: EventStatus,
  status: SignupStatus,
  statusLabel: z.string(),
  attendance: z.string(),
})
export const MySignupsInput = z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(50).default(20) })
export const MySignupsPage = z.object({ items: z.array(MySignupItem), nextCursor: z.string().nullable() })

export const PassView = z.object({ token: z.string(), expiresAt: Day, title: z.string(), name: z.string(), startAt: Day, place: z.string() })
export const CodeView = z.object({ token: z.string(), expiresAt: Day, refreshAfterSeconds: z.number().int() })

export const CheckInInput = z.object({ token: z.string({ error: '请扫描签到二维码' }).trim().min(10, '二维码内容不完整').max(200, '二维码内容不正确') })
export const CheckInResult = z.object({
  eventId: z.string(),
  title: z.string(),
  /** masked name of who was checked in */
  name: z.string(),
  unionName: z.string(),
  checkedInAt: Day,
  late: z.boolean(),
  /** this scan found the person already checked in */
  already: z.boolean(),
})

// ---- organiser views -------------------------------------------------------------------------

/** 按姓名签到: the check-in desk finds a person by (part of) the name, or the last 4 digits of the phone. */
export const FindParticipantInput = z.object({
  eventId: EventId,
  query: z.string({ error: '请输入姓名或手机尾号' }).trim().min(1, '请输入姓名或手机尾号').max(20, '最多输入20个字'),
})
export const ParticipantMatch = z.object({
  signupId: z.string(),
  name: z.string(),
  unionName: z.string(),
  team: z.string(),
  /** 手机尾号 (last 4 digits), '' when unknown */
  phoneTail: z.string(),
  status: SignupStatus,
  statusLabel: z.string(),
  attendance: z.string(),
  checkedIn: z.boolean(),
})
export const ParticipantMatches = z.object({ matches: z.array(ParticipantMatch) })
export const ManualCheckInInput = z.object({ eventId: EventId, signupId: SignupId })

/** 移出报名人: the organiser ends a sign-up with a reason the person is told; the place goes to the queue. */
export const RemoveParticipantInput = z.object({
  eventId: EventId,
  signupId: SignupId,
  reason: z.string({ error: '请填写移出原因' }).trim().min(2, '请填写移出原因（至少2个字）').max(40, '原因最多40个字'),
})
export const RemoveResult = z.object({ signupId: z.string(), name: z.string(), promoted: z.number().int() })

/** 查看完整号码: the full 手机号/身份证号 one person answered, for the organiser; every view is logged (audit_log). */
export const RevealAnswerInput = z.object({ eventId: EventId, signupId: SignupId, key: FormFieldKey })
export const RevealedAnswer = z.object({ label: z.string(), value: z.string(), masked: z.string() })

export const ManageItem = EventCard.extend({ confirmed: z.number().int(), waitlisted: z.number().int(), pending: z.number().int(), version: z.number().int(), scope: EventScope })
export const ManageInput = z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(50).default(20) })
export const ManagePage = z.object({ items: z.array(ManageItem), nextCursor: z.string().nullable(), unions: z.array(z.object({ unionId: z.string(), name: z.string(), level: z.string() })) })

export const EditView = z.object({ eventId: z.string(), unionId: z.string(), version: z.number().int(), status: EventStatus, coverUrl: z.string(), event: EventShape.extend({ startAt: Day, endAt: Day, signupOpensAt: Day, signupClosesAt: Day }) })

export const ParticipantFilter = z.enum(['all', 'confirmed', 'pending', 'waitlisted', 'cancelled'])
export const ParticipantsInput = z.object({
  eventId: EventId,
  /** one unit only (a grassroots chair always sees just their own) */
  unionId: UnionId.optional(),
  status: ParticipantFilter.default('all'),
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(50).default(50),
})
export const ParticipantRow = z.object({
  signupId: z.string(),
  name: z.string(),
  unionName: z.string(),
  team: z.string(),
  status: SignupStatus,
  statusLabel: z.string(),
  attendance: z.string(),
  answers: z.array(z.object({ label: z.string(), value: z.string() })),
  signedUpAt: Day,
  /** promoted, not confirmed yet: the place moves on after this */
  confirmBy: Day.nullable(),
})
export type ParticipantRow = z.infer<typeof ParticipantRow>
export const UnionCount = z.object({
  unionId: z.string(),
  unionName: z.string(),
  /** places held (confirmed or pending; a team holds one for all its people) */
  places: z.number().int(),
  /** people, teammates included */
  confirmed: z.number().int(),
  pending: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  /** the unit's 领队 (the one responsible person a unit names for a subtree-wide event), '' when not named yet */
  leadName: z.string(),
  leadPhone: z.string(),
})
export type UnionCount = z.infer<typeof UnionCount>
export const ParticipantsPage = z.object({
  title: z.string(),
  /** subtree-wide events ask each unit for a 领队 */
  scope: EventScope,
  rows: z.array(ParticipantRow),
  nextCursor: z.string().nullable(),
  counts: z.array(UnionCount),
  /** places against capacity, and people (a team event has more people than places) */
  totals: z.object({ places: z.number().int(), confirmed: z.number().int(), pending: z.number().int(), waitlisted: z.number().int(), checkedIn: z.number().int(), capacity: z.number().int() }),
  mode: SignupMode,
  kind: EventKind,
  /** the caller may remove people (移出): the organising union, while the event is on */
  canRemove: z.boolean(),
})

/** 领队: each unit names one responsible person for a subtree-wide event (the organisers call them). */
export const UnitLeadInput = z.object({ eventId: EventId, unionId: UnionId, name: PersonName, phone: Phone })
export const UnitLeadView = z.object({ unionId: z.string(), unionName: z.string(), name: z.string(), phone: z.string() })

/** `event_unit_leads`: _id is `<eventId>-<unionId>`. */
export const UnitLeadRecord = z.object({
  _id: z.string(),
  eventId: z.string(),
  unionId: z.string(),
  unionName: z.string(),
  name: z.string(),
  phone: z.string(),
  setBy: z.string(),
  updatedAt: z.date(),
})
export type UnitLeadRecord = z.infer<typeof UnitLeadRecord>

export const ExportInput = z.object({ eventId: EventId, format: z.enum(['csv', 'xlsx'], { error: '请选择导出格式' }), unionId: UnionId.optional() })
export const ExportResult = z.object({ url: z.string(), fileName: z.string(), rows: z.number().int(), expiresAt: Day })

export const ResultInput = z.object({
  place: z.coerce.number({ error: '请填写名次' }).int('名次必须是整数').min(1, '名次从1开始').max(100, '名次最多100'),
  award: z.string().trim().max(20, '奖项最多20个字').default(''),
  signupId: SignupId,
})
export const RecordResultsInput = z.object({
  eventId: EventId,
  /** the item whose results are replaced by `results` */
  item: z.string({ error: '请填写比赛项目' }).trim().min(1, '请填写比赛项目').max(20, '项目名称最多20个字'),
  results: z.array(ResultInput).max(50, '一个项目最多录入50个名次'),
})
export const ResultsView = z.object({ results: z.array(ResultView) })

export const CoverInput = z.object({
  eventId: EventId,
  contentType: z.enum(['image/jpeg', 'image/png'], { error: '封面只能是JPG或PNG图片' }),
  /** base64 of the compressed picture (≤ 70 KB, so the call stays under WeChat's 100 KB) */
  data: z.string().min(4).max(96_000, '图片太大了，请换一张小一些的图片'),
})
export const CoverResult = z.object({ coverUrl: z.string() })
