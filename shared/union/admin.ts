import { z } from 'zod'
import { Role, UnionRecord } from '../domain/union'
import { CreditCode } from './creditCode'
import { InviteCode } from '../domain/union'
import { UnionId, UnionSummary } from './schemas'

/**
 * 建会 and the union's own page: a grassroots union's registration data (单位、统一社会信用代码、
 * 地址、属地、行业、职工人数), its officers, and the changes made to it.
 */

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`)
    .max(max, `${label}最多${max}个字`)

export const UnionName = text('工会名称', 2, 40)

/** The registration fields of a grassroots union (建会登记). */
export const UnionRegistration = z.object({
  name: UnionName,
  /** 单位名称 as on the business licence */
  employer: text('单位名称', 2, 60),
  creditCode: CreditCode,
  address: text('单位地址', 4, 100),
  /** 属地: the street or town the workplace sits in */
  region: text('属地', 2, 40),
  industry: text('所属行业', 2, 30),
  employeeCount: z
    .number({ error: '请填写职工人数' })
    .int('职工人数是整数')
    .min(1, '职工人数至少1人')
    .max(1_000_000, '职工人数不能超过100万，请核对'),
})
export type UnionRegistration = z.infer<typeof UnionRegistration>

/** A union as stored, with its registration data (older unions from the seed have none). */
export const UnionFullRecord = UnionRecord.extend({
  creditCode: z.string().default(''),
  address: z.string().default(''),
  industry: z.string().default(''),
  employeeCount: z.number().int().nullable().default(null),
  createdAt: z.date().nullable().default(null),
  /** set by 注销: the union takes no new members and leaves search and the tree */
  dissolvedAt: z.date().nullable().default(null),
})
export type UnionFullRecord = z.infer<typeof UnionFullRecord>

export const RegisterUnionInput = UnionRegistration.extend({ parentId: UnionId })
export const RegisteredUnion = z.object({ unionId: z.string(), name: z.string() })

/** 建会申请: a workplace applies to found a union, with its founding meeting (成立大会). */
export const FoundingMeeting = z.object({
  heldOn: z.coerce.date({ error: '请选择成立大会日期' }),
  place: text('会议地点', 2, 60),
  attendees: z.number({ error: '请填写到会人数' }).int('到会人数是整数').min(1, '到会人数至少1人').max(100_000, '到会人数请核对'),
  /** 会员人数 at founding */
  founders: z.number({ error: '请填写入会人数' }).int('入会人数是整数').min(1, '入会人数至少1人').max(1_000_000, '入会人数请核对'),
  /** the person the meeting elected chair; the applicant becomes chair on approval */
  chairName: text('当选主席姓名', 2, 20),
})
export const SubmitFoundingInput = UnionRegistration.extend({ parentId: UnionId, meeting: FoundingMeeting })
export const SubmittedFounding = z.object({ requestId: z.string(), status: z.string() })

export const OfficerRole = z.enum(['chair', 'vice_chair', 'committee', 'staff'])
export type OfficerRole = z.infer<typeof OfficerRole>

/** One office holder as the union's page shows it: a name, never an openid. */
export const OfficerView = z.object({
  /** opaque: role documents are named after the holder's openid, which no answer may carry */
  officerId: z.string(),
  role: Role,
  roleLabel: z.string(),
  name: z.string(),
  /** decides some kind of request here: the chair always, a vice-chair the chair designated */
  approver: z.boolean(),
  /** the kinds of request a designated vice-chair decides (the chair decides every kind) */
  approverKinds: z.array(z.string()),
  since: z.coerce.date(),
  isMe: z.boolean(),
})
export type OfficerView = z.infer<typeof OfficerView>
/** An officer's `name` when neither the member register nor WeChat gives one: said, never an empty slot or only the title. */
export const UNNAMED_OFFICER = '未填写姓名'

export const GetOfficeInput = z.object({ unionId: UnionId })
/** 工会主页 for its officers and the federation above it. */
export const UnionOffice = z.object({
  union: UnionSummary.extend({
    creditCode: z.string(),
    address: z.string(),
    industry: z.string(),
    employeeCount: z.number().nullable(),
    dissolved: z.boolean(),
  }),
  inviteCode: InviteCode,
  officers: z.array(OfficerView),
  memberCount: z.number().int(),
  /** what the caller may do here */
  may: z.object({
    inviteChair: z.boolean(),
    inviteOfficers: z.boolean(),
    remove: z.boolean(),
    setApprover: z.boolean(),
    rename: z.boolean(),
    dissolve: z.boolean(),
    registerChild: z.boolean(),
    recordDues: z.boolean(),
  }),
  /** nobody at this union decides requests: they go to the federation above */
  decidedAbove: z.boolean(),
  /** each kind of request a union's officers may decide, and whether nobody here decides it (so the level above does) */
  kinds: z.array(z.object({ kind: z.string(), label: z.string(), decidedAbove: z.boolean() })),
})
export type UnionOffice = z.infer<typeof UnionOffice>

export const OfficerId = z.string({ error: '请选择人员' }).trim().regex(/^[a-f0-9]{24}$/, '请选择人员')
export const RemoveOfficerInput = z.object({ unionId: UnionId, officerId: OfficerId, reason: text('免职原因', 2, 100) })
/** 审批人 per kind of request: every kind the vice-chair decides (empty: not an approver any more). */
export const SetApproverInput = z.object({
  unionId: UnionId,
  officerId: OfficerId,
  kinds: z.array(z.string().trim().regex(/^[a-z]+\.[A-Za-z]+$/, '申请类型不正确')).max(20, '申请类型太多').default([]),
})
export const OfficeChanged = z.object({
  unionId: z.string(),
  officers: z.array(OfficerView),
  decidedAbove: z.boolean(),
  kinds: z.array(z.object({ kind: z.string(), label: z.string(), decidedAbove: z.boolean() })),
})

export const RenameUnionInput = z.object({ unionId: UnionId, name: UnionName })
export const Renamed = z.object({ unionId: z.string(), name: z.string() })

/** 注销: what becomes of the members' 会籍 — kept (保留会籍, held by the union above) or moved to the union above. */
export const MembersAfterDissolution = z.enum(['retain', 'parent'], { error: '请选择会员会籍的处理方式' })
export type MembersAfterDissolution = z.infer<typeof MembersAfterDissolution>
export const membersAfterDissolutionLabel: Record<MembersAfterDissolution, string> = {
  retain: '保留会籍（由上级工会代管）',
  parent: '会籍转入上级工会',
}
export const DissolveUnionInput = z.object({ unionId: UnionId, members: MembersAfterDissolution, reason: text('注销原因', 2, 100) })
/** Members are moved in pages: call again while `remaining` > 0 (each member in one transaction). */
export const DissolveProgress = z.object({ unionId: z.string(), moved: z.number().int(), remaining: z.number().int(), done: z.boolean() })

/** The unions where the caller holds an office, for the 工会管理 entry. */
export const MyOffices = z.object({
  offices: z.array(z.object({ unionId: z.string(), unionName: z.string(), level: z.string(), role: Role, roleLabel: z.string() })),
})

/** 会员名册 status filter, in the union's words. */
export const RosterStatus = z.enum(['active', 'retained', 'transferred', 'left', 'expelled'])
export type RosterStatus = z.infer<typeof RosterStatus>
export const rosterStatusLabel: Record<RosterStatus, string> = { active: '在册', retained: '保留会籍', transferred: '转出', left: '退会', expelled: '除名' }

export const ROSTER_PAGE_MAX = 50
/**
 * Position after the last row shown. Rows are ordered by the stint's start, newest first, then member
 * number: ids are not used because a stint's id may name the member's openid.
 */
export const RosterCursor = z.object({ from: z.coerce.date(), memberNo: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) })
export const RosterInput = z.object({
  unionId: UnionId,
  /** federation staff: the whole subtree under `unionId` */
  subtree: z.boolean().default(false),
  status: RosterStatus.optional(),
  /** true: 农民工 only, false: all but 农民工; absent: everyone */
  migrant: z.boolean().optional(),
  /** name or phone number (part of it) */
  keyword: z.string().trim().max(20, '关键词最多20个字').optional(),
  joinedFrom: z.coerce.date({ error: '请选择入会起始日期' }).optional(),
  joinedTo: z.coerce.date({ error: '请选择入会截止日期' }).optional(),
  /** 拟除名 only: six months of dues unpaid without an exemption (one union, not a subtree) */
  arrears: z.boolean().optional(),
  after: RosterCursor.optional(),
  limit: z.number().int().min(1).max(ROSTER_PAGE_MAX).default(20),
})
export const RosterRow = z.object({
  memberNo: z.string(),
  /** when this stint at this union began (transfers in start a new one) */
  from: z.coerce.date(),
  name: z.string(),
  phoneMasked: z.string(),
  /** the stint's union: a subtree roster opens each member's page at her own union */
  unionId: z.string(),
  unionName: z.string(),
  status: RosterStatus,
  statusLabel: z.string(),
  joinedAt: z.coerce.date(),
  migrant: z.boolean(),
  /** 拟除名: six months of dues unpaid without cause */
  arrears: z.boolean(),
  /** 免缴: a hardship exemption from dues is in force */
  exempt: z.boolean(),
})
export type RosterRow = z.infer<typeof RosterRow>
export const RosterPage = z.object({ rows: z.array(RosterRow), next: RosterCursor.nullable() })
