import { z } from 'zod'
import { Role } from '../domain/union'
import { RequestStatus } from './state'

/** One desk in an approval chain (审批环节): which union's reviewers act, e.g. 基层工会审核 then 街道工会审批. */
export const Step = z.object({
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  /** roles at that union that may act; staff of an ancestor federation may always act (they supervise their subtree) */
  roles: z.array(Role).min(1),
  label: z.string(),
})
export type Step = z.infer<typeof Step>

/** The domain document a request is about (an application, a sign-up …). */
export const SubjectRef = z.object({ collection: z.string().min(1).max(64), id: z.string().min(1).max(128) })
export type SubjectRef = z.infer<typeof SubjectRef>

/** Non-sensitive text for lists and messages: it goes to the pending list and into subscribe messages. */
export const RequestSummary = z.object({
  title: z.string().trim().min(1).max(40),
  subtitle: z.string().trim().max(60).default(''),
})
export type RequestSummary = z.infer<typeof RequestSummary>

/** A request as stored in `requests`. */
export const RequestDoc = z.object({
  _id: z.string(),
  kind: z.string(),
  applicantOpenid: z.string(),
  /** masked (李*): the list and messages never carry a full name */
  applicantName: z.string(),
  /** the union the request is addressed to */
  unionId: z.string(),
  unionPath: z.array(z.string()),
  status: RequestStatus,
  step: z.number().int().min(0),
  chain: z.array(Step).min(1),
  /** whose reviewers act now; '' when nobody is to act (returned or closed) */
  reviewUnionId: z.string(),
  reviewUnionPath: z.array(z.string()),
  summary: RequestSummary,
  subjectRef: SubjectRef,
  submittedAt: z.date(),
  updatedAt: z.date(),
  /** 办理时限 of the current step; null when nobody is to act */
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  version: z.number().int().min(1),
  closedAt: z.date().nullable(),
  /** the latest reject/return reason, shown to the applicant */
  lastReason: z.string().default(''),
  /** set while the request is open: at most one open request per key (see submitRequest) */
  exclusiveKey: z.string().default(''),
  /** the cadre who filed it for the applicant (代办); '' when the applicant filed it. Never sent to a phone. */
  filedByOpenid: z.string().optional(),
  /** who decided (approve / reject / return) at which step: separation of duties. Never sent to a phone. */
  deciders: z.array(z.object({ step: z.number().int().min(0), openid: z.string() })).optional(),
})
export type RequestDoc = z.infer<typeof RequestDoc>

export const HistoryAction = z.enum(['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw', 'overdue', 'advance'])
export type HistoryAction = z.infer<typeof HistoryAction>
export const historyActionLabel: Record<HistoryAction, string> = {
  submit: '提交申请',
  approve: '审核通过',
  reject: '驳回',
  return: '退回修改',
  resubmit: '重新提交',
  withdraw: '撤回申请',
  overdue: '超过办理时限',
  advance: '状态变更',
}

export const ActorRole = z.enum(['applicant', 'member', 'committee', 'vice_chair', 'chair', 'staff', 'system'])
export type ActorRole = z.infer<typeof ActorRole>
export const actorRoleLabel: Record<ActorRole, string> = {
  applicant: '申请人',
  member: '会员',
  committee: '工会委员',
  vice_chair: '工会副主席',
  chair: '工会主席',
  staff: '工会干部',
  system: '系统',
}

/** One line of the append-only history (`request_history`): who, what, when, why. */
export const HistoryDoc = z.object({
  _id: z.string(),
  requestId: z.string(),
  at: z.date(),
  actorOpenid: z.string(),
  actorName: z.string(),
  actorRole: ActorRole,
  action: HistoryAction,
  fromStatus: RequestStatus,
  toStatus: RequestStatus,
  step: z.number().int().min(0),
  reason: z.string(),
  /** a kind's own word for an `advance` (公示开始, 已发放 …); '' otherwise */
  note: z.string().default(''),
})
export type HistoryDoc = z.infer<typeof HistoryDoc>

/** Kinds of sensitive value a reviewer may open in full through the audited view. */
export const SensitiveKind = z.enum(['idNumber', 'bankCard', 'name', 'phone', 'diagnosis'])
export type SensitiveKind = z.infer<typeof SensitiveKind>

/** A reviewer-facing field from a kind's describe(); sensitive values arrive masked. */
export const DescribedField = z.object({
  label: z.string(),
  value: z.string(),
  sensitive: SensitiveKind.optional(),
  /** key passed to revealSensitive to open the full value (only for sensitive fields) */
  revealKey: z.string().optional(),
})
export type DescribedField = z.infer<typeof DescribedField>
