import { z } from 'zod'
import { IdNumber } from '../privacy/idNumber'
import { UnionId, UnionSummary } from '../union/schemas'
import { PersonName, Phone } from '../domain/person'
import { RetainReason, StintStatus } from './status'

export { PersonName, Phone }

// ---- profile ------------------------------------------------------------------------------

export const WorkerType = z.enum(['employee', 'gig'], { error: '请选择您的就业方式' })
export type WorkerType = z.infer<typeof WorkerType>
export const workerTypeLabel: Record<WorkerType, string> = {
  employee: '在单位工作的职工',
  gig: '快递员、外卖骑手、网约车司机等新就业形态劳动者',
}

export const Employer = z.string({ error: '请填写工作单位' }).trim().max(50, '单位名称最多50个字')
export const Job = z.string({ error: '请填写岗位' }).trim().min(1, '请填写岗位或工种').max(20, '岗位最多20个字')
/** 居住或工作所在的街道（乡镇）: used for 属地 when the employer has no union. */
export const Area = z.string().trim().max(30, '所在街道最多30个字')

export const Gender = z.enum(['male', 'female'])
export type Gender = z.infer<typeof Gender>

/** 农民工: 户籍在农村、进城务工; counted in 年度数据 and filtered on in the roster. */
export const Migrant = z.boolean({ error: '请选择是否农民工' })
export const migrantHint = '户籍在农村、进城务工的职工'

export const SaveProfileInput = z
  .object({
    name: PersonName,
    /** typed on H5; on weapp the number comes from bindPhone (getPhoneNumber) instead */
    phone: Phone.optional(),
    /** absent keeps the stored ID number; accepted only after the separate 'id_number' consent */
    idNumber: IdNumber.optional(),
    workerType: WorkerType,
    /** absent keeps the stored answer (older clients) */
    migrant: Migrant.optional(),
    employer: Employer,
    job: Job,
    area: Area.default(''),
  })
  .superRefine((p, ctx) => {
    if (p.workerType === 'employee' && p.employer.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['employer'], message: '请填写工作单位全称' })
    }
  })
export type SaveProfileInput = z.infer<typeof SaveProfileInput>

/** Purposes of the consents membership asks for (PIPL Art. 14, 29: the ID consent is separate). */
export const MembershipConsentPurpose = z.enum(['privacy_policy', 'id_number'], { error: '请选择同意的事项' })
export type MembershipConsentPurpose = z.infer<typeof MembershipConsentPurpose>

export const GiveConsentInput = z.object({
  purpose: MembershipConsentPurpose,
  version: z.string({ error: '协议版本不正确' }).trim().min(1, '协议版本不正确').max(20, '协议版本不正确'),
})

export const BindPhoneInput = z.object({
  code: z.string({ error: '没有拿到手机号授权，请重试' }).trim().min(1, '没有拿到手机号授权，请重试').max(128, '手机号授权码不正确'),
})

/** The profile as its owner sees it: identity data only in masked form. */
export const ProfileView = z.object({
  name: z.string(),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  gender: Gender.nullable(),
  workerType: WorkerType,
  migrant: z.boolean(),
  employer: z.string(),
  job: z.string(),
  area: z.string(),
  consents: z.object({ privacy_policy: z.boolean(), id_number: z.boolean() }),
  /** everything an application needs is there */
  complete: z.boolean(),
  /** what is still missing, in words: ['手机号', '身份证号'] */
  missing: z.array(z.string()),
})
export type ProfileView = z.infer<typeof ProfileView>

// ---- finding a union -----------------------------------------------------------------------

export const SuggestUnionsInput = z.object({})
export const UnionSuggestion = z.object({
  union: UnionSummary,
  match: z.enum(['employer', 'gig', 'territory']),
  matchLabel: z.string(),
})
export const SuggestUnionsOutput = z.object({ items: z.array(UnionSuggestion) })

// ---- membership and its history ------------------------------------------------------------

export const StintView = z.object({
  id: z.string(),
  unionId: z.string(),
  unionName: z.string(),
  memberNo: z.string(),
  from: z.coerce.date(),
  to: z.coerce.date().nullable(),
  status: StintStatus,
  statusLabel: z.string(),
  retainReason: RetainReason.nullable(),
})
export type StintView = z.infer<typeof StintView>

export const OpenRequestView = z.object({
  requestId: z.string(),
  kind: z.enum(['membership.join', 'membership.transfer']),
  kindLabel: z.string(),
  unionName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.coerce.date(),
})
export type OpenRequestView = z.infer<typeof OpenRequestView>

export const MembershipView = z.object({
  /** the active or retained stint; null for a non-member */
  current: StintView.nullable(),
  /** every stint, newest first (一次入会、动态接转: the history travels with the member) */
  history: z.array(StintView),
  openRequest: OpenRequestView.nullable(),
})
export type MembershipView = z.infer<typeof MembershipView>

// ---- 入会申请 ------------------------------------------------------------------------------

export const SubmitApplicationInput = z.object({
  unionId: UnionId,
  employer: Employer,
  job: Job,
  /** 入会须承认《中国工会章程》 (章程 Art. 1) */
  acceptCharter: z.literal(true, { error: '请阅读并同意遵守《中国工会章程》' }),
})
export type SubmitApplicationInput = z.infer<typeof SubmitApplicationInput>

export const SubmitResult = z.object({
  requestId: z.string(),
  unionName: z.string(),
  status: z.string(),
  /** true when this tap found the application an earlier tap had already made */
  alreadySubmitted: z.boolean(),
})

export const RequestIdInput = z.object({
  requestId: z.string({ error: '申请编号不正确' }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '申请编号不正确'),
})

export const TimelineEntry = z.object({
  at: z.coerce.date(),
  actionLabel: z.string(),
  actorName: z.string(),
  reason: z.string(),
})
export const TimelineStep = z.object({
  label: z.string(),
  unionName: z.string(),
  state: z.enum(['done', 'current', 'waiting', 'stopped']),
})
export const ApplicationTimeline = z.object({
  requestId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  unionName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.coerce.date(),
  /** pass back as expectedVersion to withdraw or resubmit (review.withdraw / review.resubmit) */
  version: z.number().int(),
  /** the applicant may still withdraw it */
  canWithdraw: z.boolean(),
  /** the latest reject/return reason, for the applicant to act on */
  lastReason: z.string(),
  steps: z.array(TimelineStep),
  history: z.array(TimelineEntry),
  /** when a transfer is released without the old union acting; null otherwise */
  autoReleaseAt: z.coerce.date().nullable(),
})
export type ApplicationTimeline = z.infer<typeof ApplicationTimeline>

// ---- 电子会员证 ------------------------------------------------------------------------------

export const CardView = z.object({
  token: z.string(),
  expiresAt: z.coerce.date(),
  memberNo: z.string(),
  name: z.string(),
  unionName: z.string(),
  since: z.coerce.date(),
  status: StintStatus,
  statusLabel: z.string(),
})
export type CardView = z.infer<typeof CardView>

export const VerifyCardInput = z.object({
  token: z.string({ error: '请扫描或输入会员证二维码' }).trim().min(1, '请扫描或输入会员证二维码').max(200, '这不是会员证二维码'),
})
export const VerifiedCard = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    nameMasked: z.string(),
    memberNoMasked: z.string(),
    unionName: z.string(),
    status: StintStatus,
    statusLabel: z.string(),
    since: z.coerce.date(),
    /** whether the member belongs to a union the checker looks after */
    inYourUnion: z.boolean(),
  }),
  z.object({ valid: z.literal(false), reason: z.string() }),
])
export type VerifiedCard = z.infer<typeof VerifiedCard>

// ---- 转会, 保留会籍, 退会 -------------------------------------------------------------------

export const RequestTransferInput = z.object({
  toUnionId: UnionId,
  employer: Employer,
  job: Job,
  reason: z.string({ error: '请填写转会原因' }).trim().max(100, '转会原因最多100个字').default(''),
})
export type RequestTransferInput = z.infer<typeof RequestTransferInput>

export const RetainInput = z.object({
  reason: RetainReason,
  confirm: z.literal(true, { error: '请确认保留会籍' }),
})
export const ResumeInput = z.object({ confirm: z.literal(true, { error: '请确认恢复会籍' }) })
export const LeaveInput = z.object({
  confirm: z.literal(true, { error: '请确认退出工会' }),
  reason: z.string().trim().max(100, '退会原因最多100个字').default(''),
})
