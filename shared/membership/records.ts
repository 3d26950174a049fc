import { z } from 'zod'
import { SealedField } from '../privacy/sealed'
import { Gender, WorkerType } from './schemas'
import { RetainReason, StintStatus } from './status'

/**
 * Stored shapes of the membership collections (database/membership.json). Server-only: they hold
 * the sealed ID number; actions answer with the views in schemas.ts instead.
 */

export const MembershipKind = z.enum(['membership.join', 'membership.transfer'])
export type MembershipKind = z.infer<typeof MembershipKind>
export const membershipKindLabel: Record<MembershipKind, string> = {
  'membership.join': '入会申请',
  'membership.transfer': '转会申请',
}

/** The one application or transfer a person may have in progress (checked inside a transaction). */
export const OpenRequestRef = z.object({
  requestId: z.string(),
  applicationId: z.string(),
  kind: MembershipKind,
  unionId: z.string(),
  at: z.date(),
})
export type OpenRequestRef = z.infer<typeof OpenRequestRef>

/** `member_profiles`: _id is the openid. */
export const MemberProfileRecord = z.object({
  _id: z.string(),
  openid: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  /** true when the number came from WeChat's getPhoneNumber, false when typed (H5) */
  phoneVerified: z.boolean(),
  idNumber: SealedField.nullable(),
  /**
   * true while another account holds the claim on this ID number (member_id_claims) and this account has
   * not shown it is the same person: the union checks the ID card in person before approving. Never sent to
   * the phone, so a stranger cannot tell a registered number from a free one.
   */
  idPending: z.boolean().optional(),
  /** from the ID number's 17th digit (GB 11643); events use it for women-only items */
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  workerType: WorkerType,
  /** 农民工 (户籍在农村、进城务工), as the person answered; records from before the question read false */
  migrant: z.boolean().default(false),
  employer: z.string(),
  job: z.string(),
  area: z.string(),
  /** the active or retained stint; null for a non-member */
  currentMembershipId: z.string().nullable(),
  openRequest: OpenRequestRef.nullable(),
  /** how many of this person's membership requests have closed: part of the next request's id */
  requestSeq: z.number().int().min(0),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type MemberProfileRecord = z.infer<typeof MemberProfileRecord>

/**
 * `member_id_claims`: _id is the keyed hash of an ID number; the account whose use of the number counts.
 * `contested` once a second account saved the same number without proof: every application under it is
 * checked by the union in person, and the union's approval moves the claim to the person it saw.
 */
export const IdClaimRecord = z.object({ _id: z.string(), openid: z.string(), claimedAt: z.date(), contested: z.boolean().optional() })
export type IdClaimRecord = z.infer<typeof IdClaimRecord>

/** `memberships`: one stint at one union. */
export const MembershipRecord = z.object({
  _id: z.string(),
  openid: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  /** kept across transfers: join once (一次入会) */
  memberNo: z.string(),
  /** when the person first joined any union; shown as 入会时间 on the card */
  joinedAt: z.date(),
  from: z.date(),
  to: z.date().nullable(),
  status: StintStatus,
  retainReason: RetainReason.nullable(),
  /** 农民工 when the stint opened (from the application): the roster filters and 年度数据 counts on it */
  migrant: z.boolean().default(false),
  /** the `roles` doc that makes this stint a member grant */
  roleId: z.string(),
  /** the request that opened this stint (null for seeded or migrated members) */
  requestId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type MembershipRecord = z.infer<typeof MembershipRecord>

/** `membership_applications`: what a join or transfer request is about, as the reviewer sees it. */
export const ApplicationRecord = z.object({
  _id: z.string(),
  kind: MembershipKind,
  openid: z.string(),
  requestId: z.string().nullable(),
  unionId: z.string(),
  unionName: z.string(),
  /** transfers: the stint being moved */
  fromMembershipId: z.string().nullable(),
  fromUnionId: z.string().nullable(),
  fromUnionName: z.string().nullable(),
  name: z.string(),
  /** a copy of the profile's sealed ID number: the reviewer sees `masked`, and may open it through the audited view */
  idNumber: SealedField,
  /** another account also uses this ID number: the reviewer checks the ID card in person (reviewers only) */
  idCheck: z.boolean().optional(),
  phoneMasked: z.string(),
  memberNo: z.string().nullable(),
  gender: Gender.nullable(),
  workerType: WorkerType,
  migrant: z.boolean().default(false),
  employer: z.string(),
  job: z.string(),
  reason: z.string(),
  /** what the applicant changed when he resubmitted after 退回修改 (修改前 / 修改后), for the reviewer */
  changes: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })).optional(),
  createdAt: z.date(),
})
export type ApplicationRecord = z.infer<typeof ApplicationRecord>

/** A stint opened by a request is named after it: approving twice can never open two. */
export const stintIdFor = (requestId: string) => `ms-${requestId}`
export const MEMBER_NO_COUNTER = 'membership.memberNo'
