import { z } from 'zod'
import { SealedField } from '../privacy/sealed'
import { HardshipLevel, SchemeCode } from './config'
import { CloseReason, FileStatus } from './files'
import { HouseholdProfile, SchoolStage } from './household'

/** Documents as stored in the aid collections (server side; never sent to a client as is). */

/** `aid_households`: `_id` is the owner's openid; one profile per worker, reconfirmed yearly. */
export const HouseholdDoc = z.object({
  _id: z.string(),
  ownerOpenid: z.string(),
  profile: HouseholdProfile,
  confirmedAt: z.date(),
  updatedAt: z.date(),
  /** the cadre who typed it in for the worker (代办), '' when the worker did */
  enteredBy: z.string().default(''),
  /** keyed hash of the head's ID number, known after the first application: finds the file and past grants */
  householdKey: z.string().nullable().default(null),
  /** keyed hash of the owner's own ID number (from her member profile) when she saved it: another adult's household that lists her finds this one */
  ownerKey: z.string().nullable().default(null),
  /** keyed hashes of the adult family members' ID numbers the profile lists (配偶): finds a household another adult of the family filed */
  memberKeys: z.array(z.string()).default([]),
  /** each listed number's hash beside its masked form (what the profile shows), so a masked value saved again keeps its number */
  memberIds: z.array(z.object({ key: z.string(), masked: z.string() })).default([]),
})
export type HouseholdDoc = z.infer<typeof HouseholdDoc>

/** How `aid_households` is stored: the profile (income, health, children) sealed, an income bracket beside it. */
export const StoredHouseholdDoc = HouseholdDoc.omit({ profile: true }).extend({
  sealedProfile: SealedField,
  incomeBracket: z.string(),
})
export type StoredHouseholdDoc = z.infer<typeof StoredHouseholdDoc>

/**
 * `aid_household_members`: `_id` is the openid of an adult who joined another's household (夫妻同户);
 * every aid rule for a household then uses that household (its profile, its key, its grants).
 */
export const HouseholdMemberDoc = z.object({ _id: z.string(), householdId: z.string(), joinedAt: z.date() })
export type HouseholdMemberDoc = z.infer<typeof HouseholdMemberDoc>

/** `aid_household_invites`: `_id` is the code the household's owner hands to a family member, valid 7 days. */
export const HouseholdInviteDoc = z.object({ _id: z.string(), householdId: z.string(), expiresAt: z.date() })
export type HouseholdInviteDoc = z.infer<typeof HouseholdInviteDoc>

/**
 * Where an application stands after the request engine's part: the engine carries
 * submitted → in_review → approved/returned/rejected; aid adds 公示, 异议 and payment.
 */
export const AidStage = z.enum(['review', 'publicized', 'objection', 'awaiting_payment', 'disbursed', 'closed'])
export type AidStage = z.infer<typeof AidStage>

export const StoredDocument = z.object({ code: z.string(), fileId: z.string(), uploadedAt: z.date() })
export type StoredDocument = z.infer<typeof StoredDocument>

export const AidEvent = z.object({ at: z.date(), text: z.string() })
export type AidEvent = z.infer<typeof AidEvent>

export const HomeVisit = z.object({
  /** sealed: what the visitor saw in the home */
  note: SealedField,
  visitedOn: z.string(),
  byOpenid: z.string(),
  byName: z.string(),
  at: z.date(),
})
export type HomeVisit = z.infer<typeof HomeVisit>

/** What `assessment.figures` seals. */
export const AssessmentFigures = z.object({ size: z.number().int(), perCapitaMonthlyFen: z.number().int() })

/** `aid_applications`: the subject of an aid.* request. Sensitive values are sealed. */
export const ApplicationDoc = z.object({
  _id: z.string(),
  draftId: z.string(),
  requestId: z.string(),
  scheme: SchemeCode,
  year: z.number().int(),
  /** the federation whose configuration and fund apply */
  federationId: z.string(),
  fundId: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  applicantOpenid: z.string(),
  /** who typed it in: the applicant, or a cadre filing on their behalf (代办) */
  filedByOpenid: z.string(),
  proxyId: z.string().nullable(),
  /** keyed hash of the applicant's ID number: one household, one file (一户一档) */
  householdKey: z.string(),
  /** 公示 shows only these two: the surname and a star, and the unit */
  publicName: z.string(),
  unitName: z.string(),
  /** keyed hash of the child's ID number (金秋助学: one grant per child per year) */
  childKey: z.string().nullable(),
  applicant: z.object({ name: SealedField, idNumber: SealedField, phone: SealedField, bankName: z.string(), bankCard: SealedField }),
  child: z
    .object({
      name: SealedField,
      idNumber: SealedField,
      /** sealed: names where a child is */
      school: SealedField,
      stage: SchoolStage,
      under14: z.boolean(),
      isNewStudent: z.boolean(),
    })
    .nullable(),
  /** sealed, like every value below that tells of hardship or health */
  statement: SealedField,
  diagnosis: SealedField.nullable(),
  /** sealed integer fen */
  selfPaidMedicalFen: SealedField.nullable(),
  assessment: z.object({
    level: HardshipLevel.nullable(),
    onFile: z.boolean(),
    dibaoFen: z.number().int(),
    /** household income band (server/aid/sealed.ts incomeBracket), for statistics */
    incomeBracket: z.string(),
    /** sealed `{ size, perCapitaMonthlyFen }` */
    figures: SealedField,
  }),
  amountFen: z.number().int(),
  amountLines: z.array(z.string()),
  documents: z.array(StoredDocument),
  homeVisit: HomeVisit.nullable(),
  /** desks (chain indexes) that must record a home visit before approving */
  homeVisitSteps: z.array(z.number().int()),
  stage: AidStage,
  /** taken on approval (document ids in aid_grants), released if the approval is revoked */
  grantKeys: z.array(z.string()),
  fundCommitted: z.boolean(),
  notice: z.object({ startsAt: z.date(), endsAt: z.date() }).nullable(),
  approvedAt: z.date().nullable(),
  approvedBy: z.string(),
  paidAt: z.date().nullable(),
  paymentRef: z.string(),
  objectionIds: z.array(z.string()),
  /** when the documents of a closed application were deleted (retention, PIPL Art. 19) */
  purgedAt: z.date().nullable().default(null),
  events: z.array(AidEvent),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type ApplicationDoc = z.infer<typeof ApplicationDoc>

/** `aid_grants`: `_id` is a grant key (limits.ts grantKeys); its existence is the limit. */
export const GrantDoc = z.object({
  _id: z.string(),
  scheme: SchemeCode,
  year: z.number().int(),
  householdKey: z.string(),
  childKey: z.string().nullable(),
  applicationId: z.string(),
  at: z.date(),
})
export type GrantDoc = z.infer<typeof GrantDoc>

/** `aid_funds`: `_id` = `${federationId}-${year}`. available = budget − committed − paid, never below zero. */
export const FundDoc = z.object({
  _id: z.string(),
  federationId: z.string(),
  year: z.number().int(),
  budgetFen: z.number().int().min(0),
  committedFen: z.number().int().min(0),
  paidFen: z.number().int().min(0),
  /**
   * budget − committed − paid, kept beside them so one conditional update (`availableFen ≥ amount`)
   * can take an approval's share without a transaction that every racing approval would conflict on.
   * Absent on a fund written before it existed: filled in on first use.
   */
  availableFen: z.number().int().min(0).optional(),
  updatedAt: z.date(),
})
export type FundDoc = z.infer<typeof FundDoc>

/** `correct`: the daily timer set the fund's balance back to what its ledger adds up to (server/aid/fundRepair.ts) */
export const FundMoveKind = z.enum(['budget', 'commit', 'release', 'pay', 'correct'])
export type FundMoveKind = z.infer<typeof FundMoveKind>
export const fundMoveLabel: Record<FundMoveKind, string> = {
  budget: '下达预算',
  commit: '审批占用',
  release: '撤销释放',
  pay: '发放',
  correct: '核对更正',
}

/** `aid_fund_moves` (append-only): every movement of a fund, with the balances after it. */
export const FundMoveDoc = z.object({
  _id: z.string(),
  fundId: z.string(),
  at: z.date(),
  kind: FundMoveKind,
  amountFen: z.number().int(),
  applicationId: z.string(),
  actorOpenid: z.string(),
  note: z.string(),
  budgetFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
})
export type FundMoveDoc = z.infer<typeof FundMoveDoc>

/** `aid_files`: 困难职工档案, `_id` = the household key (one per household). */
export const FileDoc = z.object({
  _id: z.string(),
  ownerOpenid: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  federationId: z.string(),
  maskedName: z.string(),
  level: HardshipLevel,
  status: FileStatus,
  filedAt: z.date(),
  reviewDueAt: z.date(),
  /** set by the yearly timer when the review was raised, cleared by the review */
  reviewRaisedAt: z.date().nullable(),
  lastReviewedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  closeReason: CloseReason.nullable(),
  /** '' — the reviewer's words are kept sealed in closeNoteSealed */
  closeNote: z.string(),
  closeNoteSealed: SealedField.nullable().default(null),
  aid: z.array(z.object({ year: z.number().int(), scheme: SchemeCode, amountFen: z.number().int(), applicationId: z.string() })),
  /** what happened, in system words; a reviewer's own words (复核, 退档) sealed in `note` */
  history: z.array(AidEvent.extend({ note: SealedField.optional() })),
  updatedAt: z.date(),
})
export type FileDoc = z.infer<typeof FileDoc>

/** `aid_notices`: one 公示 entry, `_id` = the application id. Holds nothing that is not shown. */
export const NoticeStatus = z.enum(['open', 'paused', 'closed', 'withdrawn'])
export type NoticeStatus = z.infer<typeof NoticeStatus>
export const NoticeDoc = z.object({
  _id: z.string(),
  applicationId: z.string(),
  requestId: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unitName: z.string(),
  maskedName: z.string(),
  scheme: SchemeCode,
  amountFen: z.number().int(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: NoticeStatus,
  updatedAt: z.date(),
})
export type NoticeDoc = z.infer<typeof NoticeDoc>

/** `aid_objections`: 异议 filed against a notice. */
export const ObjectionStatus = z.enum(['open', 'dismissed', 'upheld'])
export type ObjectionStatus = z.infer<typeof ObjectionStatus>
export const ObjectionDoc = z.object({
  _id: z.string(),
  noticeId: z.string(),
  applicationId: z.string(),
  requestId: z.string(),
  byOpenid: z.string(),
  /** sealed like the other aid free texts (it may name a family's affairs); objections filed before sealing are plain strings */
  text: z.union([SealedField, z.string()]),
  at: z.date(),
  status: ObjectionStatus,
  resolvedAt: z.date().nullable(),
})
export type ObjectionDoc = z.infer<typeof ObjectionDoc>

/** `aid_uploads`: a document on its way to cloud storage (H5 sends it in chunks through the function). */
export const UploadDoc = z.object({
  _id: z.string(),
  ownerOpenid: z.string(),
  /** the worker the document is for (the owner, or the worker a cadre files for) */
  forOpenid: z.string(),
  docCode: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  chunkCount: z.number().int(),
  cloudPath: z.string(),
  fileId: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: z.date(),
  /** the one application the file belongs to, once it is attached */
  applicationId: z.string().nullable().default(null),
})
export type UploadDoc = z.infer<typeof UploadDoc>

export const ChunkDoc = z.object({ _id: z.string(), uploadId: z.string(), index: z.number().int(), data: z.string() })
export type ChunkDoc = z.infer<typeof ChunkDoc>

/** `aid_proxies`: a cadre's request to file for a worker (代办), and the worker's answer. */
export const ProxyDoc = z.object({
  _id: z.string(),
  cadreOpenid: z.string(),
  cadreName: z.string(),
  workerOpenid: z.string(),
  workerName: z.string(),
  unionId: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.date(),
  answeredAt: z.date().nullable(),
})
export type ProxyDoc = z.infer<typeof ProxyDoc>
