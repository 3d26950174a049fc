import { z } from 'zod'
import { BankCard } from '../privacy/bankCard'
import { IdNumber } from '../privacy/idNumber'
import { AidConfigBody, DocumentItem, HardshipLevel, SchemeCode } from './config'
import { CloseReason, FileStatus } from './files'
import { CalendarDate, EducationLevel, HouseholdProfile, SchoolStage, educationLevelOf } from './household'
import { Fen } from './money'
import { OBJECTION_MAX } from './notice'
import { FundMoveKind } from './records'

/** Inputs and outputs of the `aid` function's actions. Outputs never carry a sealed or unmasked value. */

// ---- small pieces --------------------------------------------------------------------------

const Id = (what: string) =>
  z
    .string({ error: `${what}不正确` })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, `${what}不正确`)
export const ApplicationId = Id('申请编号')
export const UnionIdInput = Id('工会')
export const ProxyId = Id('代办编号')
export const Year = z.number({ error: '请选择年度' }).int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确')
export const PageCursor = z.string().regex(/^\d{1,15}_[A-Za-z0-9_-]{1,128}$/, '翻页参数不正确')

const personName = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(2, '姓名至少2个字')
    .max(20, '姓名最多20个字')
    .regex(/^[\p{Script=Han}A-Za-z·• ]+$/u, '姓名只能包含汉字、字母和间隔号')

export const Mobile = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为11位数字，以1开头')

/** 申请人 and where the money goes: 实名制银行卡 (domain.md A9). */
export const ApplicantInput = z.object({
  name: personName('请填写申请人姓名'),
  idNumber: IdNumber,
  phone: Mobile,
  bankName: z.string({ error: '请填写开户银行' }).trim().min(4, '请写明开户银行和网点，例如“中国工商银行望京支行”').max(40, '开户银行最多40个字'),
  bankCard: BankCard,
})

/** A returned application keeps its sealed values when a field is left out. */
export const ApplicantEdit = ApplicantInput.partial({ name: true, idNumber: true, phone: true, bankCard: true })

export const ChildInput = z.object({
  name: personName('请填写孩子姓名'),
  idNumber: IdNumber,
  school: z.string({ error: '请填写学校全称' }).trim().min(2, '请填写学校全称').max(40, '学校名称最多40个字'),
  stage: SchoolStage.refine((s) => educationLevelOf(s) !== null, '金秋助学资助在读高中（含中职）和大学（含高职高专、研究生）的学生'),
  isNewStudent: z.boolean({ error: '请选择是否为新生' }),
  /** 军事院校、公费师范生、定向培养 */
  specialFunded: z.boolean({ error: '请选择是否为公费或定向培养' }),
  /** 已获得政府或其他组织的助学资助 */
  otherFunding: z.boolean({ error: '请选择是否已获得其他资助' }),
})
export const ChildEdit = ChildInput.partial({ name: true, idNumber: true })

export const DocCode = z.string({ error: '请选择材料类型' }).regex(/^[a-z][A-Za-z]{1,30}$/, '材料类型不正确')
export const FileId = z
  .string({ error: '请上传材料' })
  .min(10, '材料文件不正确')
  .max(300, '材料文件不正确')
  .regex(/^cloud:\/\/\S+$/, '材料文件不正确')
export const DocumentRef = z.object({ code: DocCode, fileId: FileId })
export type DocumentRef = z.infer<typeof DocumentRef>

const Statement = z
  .string({ error: '请写明家庭困难情况' })
  .trim()
  .min(10, '请把家庭困难情况写具体一些（至少10个字）')
  .max(500, '情况说明最多500个字')
const Diagnosis = z.string({ error: '请填写诊断结果' }).trim().min(2, '请填写诊断结果').max(60, '诊断结果最多60个字')
const SelfPaid = Fen.refine((v) => v > 0, '请填写扣除医保报销后自己付的医疗费用')

/** Client-made id of the draft: submitting the same draft twice files one application. */
export const DraftId = z.string({ error: '草稿编号不正确' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '草稿编号不正确')

const common = {
  draftId: DraftId,
  /** the grassroots union to apply to; defaults to the applicant's own */
  unionId: UnionIdInput.optional(),
  /** name and ID number come from the applicant's own profile; when typed they must be the profile's */
  applicant: ApplicantInput.partial({ name: true, idNumber: true }),
  documents: z.array(DocumentRef).max(20, '材料最多20份'),
  /** 代办: the accepted proxy under which a cadre files for a worker */
  proxyId: ProxyId.optional(),
}

export const SubmitApplicationInput = z.discriminatedUnion(
  'scheme',
  [
    z.object({ ...common, scheme: z.literal('school'), child: ChildInput, statement: z.string().trim().max(500, '情况说明最多500个字').default('') }),
    z.object({ ...common, scheme: z.literal('living'), statement: Statement }),
    z.object({ ...common, scheme: z.literal('medical'), statement: Statement, diagnosis: Diagnosis, selfPaidMedicalFen: SelfPaid }),
    z.object({ ...common, scheme: z.literal('warmth'), statement: Statement }),
  ],
  { error: '请选择帮扶项目' },
)
export type SubmitApplicationInput = z.input<typeof SubmitApplicationInput>
export type SubmitApplication = z.output<typeof SubmitApplicationInput>

/** Correcting a returned application: same fields, sensitive ones optional (left out = unchanged). */
export const ResubmitApplicationInput = z.object({
  applicationId: ApplicationId,
  expectedVersion: z.number({ error: '请刷新后再操作' }).int().min(1),
  applicant: ApplicantEdit,
  child: ChildEdit.optional(),
  statement: z.string().trim().max(500, '情况说明最多500个字').optional(),
  diagnosis: Diagnosis.optional(),
  selfPaidMedicalFen: SelfPaid.optional(),
  documents: z.array(DocumentRef).max(20, '材料最多20份'),
})
export type ResubmitApplicationInput = z.input<typeof ResubmitApplicationInput>

// ---- household and the check -----------------------------------------------------------------

export const ForWorker = z.object({ proxyId: ProxyId.optional() })
export const GetHouseholdOutput = z.object({
  profile: HouseholdProfile.nullable(),
  confirmedAt: z.coerce.date().nullable(),
  needsReconfirm: z.boolean(),
})
export const SaveHouseholdInput = z.object({ profile: HouseholdProfile, proxyId: ProxyId.optional() })
export const SaveHouseholdOutput = z.object({
  confirmedAt: z.coerce.date(),
  /** another adult of the family already filed the household: ask to be invited (says nothing else of it) */
  sameFamily: z.string().nullable().default(null),
})

/** 家人同户: the household's owner invites an adult of the family; the code joins them to one household. */
export const InviteToHouseholdOutput = z.object({ code: z.string(), expiresAt: z.coerce.date() })
export const JoinHouseholdInput = z.object({
  code: z
    .string({ error: '请填写家人给您的邀请码' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, '邀请码是6位字母或数字'),
})
export const JoinHouseholdOutput = z.object({ joined: z.literal(true) })

export const CheckEligibilityInput = z.object({
  /** numbers to try without saving; absent = the saved profile */
  profile: HouseholdProfile.optional(),
  unionId: UnionIdInput.optional(),
  proxyId: ProxyId.optional(),
})

export const HouseholdFiguresView = z.object({
  size: z.number().int(),
  annualIncomeFen: z.number().int(),
  rigidCostsFen: z.number().int(),
  netAnnualFen: z.number().int(),
  perCapitaMonthlyFen: z.number().int(),
  dibaoFen: z.number().int(),
  accidentCostsFen: z.number().int(),
})
export const SchoolChildView = z.object({
  memberIndex: z.number().int(),
  age: z.number().int(),
  stage: SchoolStage,
  stageLabel: z.string(),
  level: EducationLevel,
  amountFen: z.number().int(),
})
export const SchemeVerdictView = z.object({
  code: SchemeCode,
  label: z.string(),
  eligible: z.boolean(),
  level: HardshipLevel.nullable(),
  amountFen: z.number().int().nullable(),
  reasons: z.array(z.string()),
  windowOpen: z.boolean(),
  windowText: z.string(),
  documents: z.array(DocumentItem),
  children: z.array(SchoolChildView),
})
export type SchemeVerdictView = z.infer<typeof SchemeVerdictView>
export const CheckEligibilityOutput = z.object({
  unionName: z.string(),
  /** whose standard the check used, in words (a non-member: the union she would join) */
  basis: z.string(),
  region: z.string(),
  dibaoFen: z.number().int(),
  dibaoIsDemo: z.boolean(),
  isMember: z.boolean(),
  onFile: z.boolean(),
  level: HardshipLevel.nullable(),
  levelLabel: z.string(),
  figures: HouseholdFiguresView,
  lines: z.array(z.string()),
  migrantProblems: z.array(z.string()),
  schemes: z.array(SchemeVerdictView),
  usedSavedProfile: z.boolean(),
})
export type CheckEligibilityOutput = z.infer<typeof CheckEligibilityOutput>

// ---- apply form, consent, uploads -----------------------------------------------------------

export const GetApplyFormInput = z.object({ scheme: SchemeCode, proxyId: ProxyId.optional() })
export const GetApplyFormOutput = z.object({
  scheme: SchemeCode,
  label: z.string(),
  windowOpen: z.boolean(),
  windowText: z.string(),
  documents: z.array(DocumentItem),
  chain: z.array(z.string()),
  noticeWorkingDays: z.number().int(),
  unionId: z.string(),
  unionName: z.string(),
  consentVersion: z.string(),
  consents: z.object({ sensitiveAid: z.boolean(), guardianMinor: z.boolean() }),
  /** 代办: whose application this is (masked) */
  forWorker: z.string().nullable(),
})
export type GetApplyFormOutput = z.infer<typeof GetApplyFormOutput>

export const AidConsentPurpose = z.enum(['sensitive_aid', 'guardian_minor'], { error: '请选择同意的事项' })
export const RecordConsentInput = z.object({ purpose: AidConsentPurpose, version: z.string().trim().min(1).max(20) })
export const RecordConsentOutput = z.object({ purpose: AidConsentPurpose, grantedAt: z.coerce.date() })

export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export const UploadContentType = z.enum(UPLOAD_CONTENT_TYPES, { error: '只能上传照片（JPG、PNG）或 PDF 文件' })
/** After compression on the phone a photo is a few hundred KB; 4 MB leaves room for a PDF. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024
/** Raw bytes per chunk: 60 KB becomes 80 KB of base64, under the 100 KB callFunction limit with room for JSON. */
export const CHUNK_BYTES = 60 * 1024
export const StartUploadInput = z.object({
  docCode: DocCode,
  contentType: UploadContentType,
  size: z.number({ error: '文件大小不正确' }).int().min(1, '文件是空的').max(MAX_UPLOAD_BYTES, '文件太大（最多4MB），请压缩后再传'),
  proxyId: ProxyId.optional(),
})
/** No storage path: the phone never writes to storage itself (a file a user uploads is readable by its fileID). */
export const StartUploadOutput = z.object({ uploadId: z.string(), chunkBytes: z.number().int(), chunkCount: z.number().int() })
export const UploadChunkInput = z.object({
  uploadId: Id('上传编号'),
  index: z.number().int().min(0).max(99),
  data: z
    .string({ error: '文件内容不正确' })
    .min(1, '文件内容不正确')
    .max(Math.ceil(CHUNK_BYTES / 3) * 4, '单次上传的内容太大')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不正确'),
})
export const UploadChunkOutput = z.object({ index: z.number().int() })
export const FinishUploadInput = z.object({ uploadId: Id('上传编号') })
export const FinishUploadOutput = z.object({ fileId: z.string() })

// ---- applications --------------------------------------------------------------------------

export const AidStatus = z.enum([
  'submitted',
  'in_review',
  'returned',
  'rejected',
  'withdrawn',
  'publicized',
  'objection',
  'awaiting_payment',
  'disbursed',
])
export type AidStatus = z.infer<typeof AidStatus>
export const aidStatusLabel: Record<AidStatus, string> = {
  submitted: '待初审',
  in_review: '审核中',
  returned: '已退回，请修改',
  rejected: '未通过',
  withdrawn: '已撤回',
  publicized: '公示中',
  objection: '公示有异议，复核中',
  awaiting_payment: '公示结束，待发放',
  disbursed: '已发放',
}

export const SubmitApplicationOutput = z.object({ applicationId: z.string(), requestId: z.string(), status: AidStatus, statusLabel: z.string() })

export const ApplicationItem = z.object({
  id: z.string(),
  scheme: SchemeCode,
  schemeLabel: z.string(),
  title: z.string(),
  status: AidStatus,
  statusLabel: z.string(),
  amountFen: z.number().int().nullable(),
  submittedAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  byProxy: z.boolean(),
})
export type ApplicationItem = z.infer<typeof ApplicationItem>
export const MyApplicationsInput = z.object({ cursor: PageCursor.optional() })
export const MyApplicationsOutput = z.object({ items: z.array(ApplicationItem), nextCursor: z.string().nullable() })

export const TimelineEntry = z.object({ at: z.coerce.date(), title: z.string(), note: z.string() })
export const ApplicationDetail = z.object({
  id: z.string(),
  requestId: z.string(),
  version: z.number().int(),
  scheme: SchemeCode,
  schemeLabel: z.string(),
  status: AidStatus,
  statusLabel: z.string(),
  unionName: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
  amountLines: z.array(z.string()),
  level: HardshipLevel.nullable(),
  levelLabel: z.string(),
  applicant: z.object({ name: z.string(), idNumber: z.string(), phone: z.string(), bankName: z.string(), bankCard: z.string() }),
  child: z
    .object({ name: z.string(), idNumber: z.string(), school: z.string(), stage: SchoolStage, stageLabel: z.string(), under14: z.boolean(), isNewStudent: z.boolean() })
    .nullable(),
  statement: z.string(),
  hasDiagnosis: z.boolean(),
  selfPaidMedicalFen: z.number().int().nullable(),
  documents: z.array(z.object({ code: z.string(), label: z.string(), fileId: z.string(), required: z.boolean() })),
  homeVisit: z.object({ note: z.string(), visitedOn: z.string(), byName: z.string() }).nullable(),
  chain: z.array(z.object({ label: z.string(), unionName: z.string(), state: z.enum(['done', 'current', 'waiting', 'stopped']) })),
  timeline: z.array(TimelineEntry),
  notice: z.object({ startsAt: z.coerce.date(), endsAt: z.coerce.date() }).nullable(),
  paidAt: z.coerce.date().nullable(),
  lastReason: z.string(),
  objections: z.array(z.object({ id: z.string(), text: z.string(), at: z.coerce.date(), status: z.string() })),
  viewer: z.object({
    isApplicant: z.boolean(),
    isReviewer: z.boolean(),
    canResubmit: z.boolean(),
    canRecordHomeVisit: z.boolean(),
    canPay: z.boolean(),
    /** 困难职工认定: the approver may file the household (the function still checks it is not on file) */
    canFileHousehold: z.boolean(),
  }),
})
export type ApplicationDetail = z.infer<typeof ApplicationDetail>
export const GetApplicationInput = z.object({ applicationId: ApplicationId })

export const DocumentLinksInput = z.object({ applicationId: ApplicationId })
/** Short-lived links (10 minutes) to the application's documents, for its applicant and its reviewers. */
export const DocumentLinksOutput = z.object({
  links: z.array(z.object({ code: z.string(), label: z.string(), url: z.string() })),
  expiresInSeconds: z.number().int(),
})

export const RecordHomeVisitInput = z.object({
  applicationId: ApplicationId,
  visitedOn: CalendarDate,
  note: z.string({ error: '请填写入户调查情况' }).trim().min(10, '请把入户调查情况写具体一些（至少10个字）').max(300, '入户调查情况最多300个字'),
})
export const RecordHomeVisitOutput = z.object({ recorded: z.literal(true) })

// ---- 公示, 异议 and payment --------------------------------------------------------------------

export const NoticeItem = z.object({
  id: z.string(),
  maskedName: z.string(),
  unitName: z.string(),
  scheme: SchemeCode,
  schemeLabel: z.string(),
  amountFen: z.number().int(),
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  status: z.enum(['open', 'paused']),
})
export type NoticeItem = z.infer<typeof NoticeItem>
export const ListNoticesInput = z.object({ cursor: PageCursor.optional() })
export const ListNoticesOutput = z.object({ items: z.array(NoticeItem), nextCursor: z.string().nullable() })

export const FileObjectionInput = z.object({
  noticeId: ApplicationId,
  text: z
    .string({ error: '请写明异议的内容' })
    .trim()
    .min(5, '请把异议写具体一些（至少5个字）')
    .max(OBJECTION_MAX, `异议最多${OBJECTION_MAX}个字`),
})
export const FileObjectionOutput = z.object({ objectionId: z.string(), message: z.string() })

export const RecordPaymentInput = z.object({
  applicationId: ApplicationId,
  /** bank transfer reference (打卡发放流水号) */
  reference: z.string({ error: '请填写发放流水号' }).trim().min(4, '请填写发放流水号').max(40, '流水号最多40个字'),
})
export const RecordPaymentOutput = z.object({ status: AidStatus, paidAt: z.coerce.date() })

export const ListForPaymentInput = z.object({ cursor: PageCursor.optional() })
export const ListForPaymentOutput = z.object({ items: z.array(ApplicationItem.extend({ unionName: z.string(), maskedName: z.string() })), nextCursor: z.string().nullable() })

// ---- fund ledger ---------------------------------------------------------------------------

export const FundView = z.object({
  fundId: z.string(),
  federationId: z.string(),
  federationName: z.string(),
  year: z.number().int(),
  budgetFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  availableFen: z.number().int(),
})
export const FundLedgerInput = z.object({ federationId: UnionIdInput.optional(), year: Year, cursor: PageCursor.optional() })
export const FundLedgerOutput = z.object({
  fund: FundView.nullable(),
  moves: z.array(z.object({ at: z.coerce.date(), kind: FundMoveKind, kindLabel: z.string(), amountFen: z.number().int(), note: z.string(), committedFen: z.number().int(), paidFen: z.number().int() })),
  canEdit: z.boolean(),
  nextCursor: z.string().nullable(),
})
export const SetFundBudgetInput = z.object({ federationId: UnionIdInput, year: Year, budgetFen: Fen })
export const SetFundBudgetOutput = z.object({ fund: FundView })

// ---- configuration -------------------------------------------------------------------------

export const GetConfigInput = z.object({ federationId: UnionIdInput.optional() })
export const GetConfigOutput = z.object({
  federationId: z.string(),
  federationName: z.string(),
  version: z.number().int(),
  updatedAt: z.coerce.date(),
  config: AidConfigBody,
  canEdit: z.boolean(),
})
export const UpdateConfigInput = z.object({ federationId: UnionIdInput, expectedVersion: z.number().int().min(0), config: AidConfigBody })
export const UpdateConfigOutput = z.object({ version: z.number().int() })

// ---- hardship files ------------------------------------------------------------------------

export const FileItem = z.object({
  id: z.string(),
  maskedName: z.string(),
  unionName: z.string(),
  level: HardshipLevel,
  levelLabel: z.string(),
  status: FileStatus,
  statusLabel: z.string(),
  filedAt: z.coerce.date(),
  reviewDueAt: z.coerce.date(),
  reviewDue: z.boolean(),
  aidCount: z.number().int(),
  aidTotalFen: z.number().int(),
  closeReason: z.string(),
  /** 档案记录, newest first: filing, each aid, yearly reviews, closing (for the file's keepers only) */
  history: z.array(z.object({ at: z.coerce.date(), text: z.string() })),
})
export type FileItem = z.infer<typeof FileItem>
export const ListFilesInput = z.object({ status: FileStatus.default('active'), dueOnly: z.boolean().default(false), cursor: PageCursor.optional() })
export const ListFilesOutput = z.object({ items: z.array(FileItem), nextCursor: z.string().nullable() })
/** 困难职工认定: the reviewer who decided an application files the household (建档); a grant alone never does. */
export const FileHouseholdInput = z.object({ applicationId: ApplicationId })
export const ReviewFileInput = z.object({
  fileId: Id('档案编号'),
  note: z.string({ error: '请填写复核情况' }).trim().min(5, '请把复核情况写具体一些（至少5个字）').max(300, '复核情况最多300个字'),
})
export const CloseFileInput = z.object({
  fileId: Id('档案编号'),
  reason: CloseReason,
  note: z.string({ error: '请填写退档说明' }).trim().min(2, '请填写退档说明').max(200, '退档说明最多200个字'),
})
export const FileActionOutput = z.object({ file: FileItem })

// ---- totals --------------------------------------------------------------------------------

export const UnionTotalsInput = z.object({ unionId: UnionIdInput, year: Year })
export const SchemeTotals = z.object({
  scheme: SchemeCode,
  label: z.string(),
  applications: z.number().int(),
  approved: z.number().int(),
  approvedFen: z.number().int(),
  paidFen: z.number().int(),
})
export const UnionTotalsOutput = z.object({
  unionId: z.string(),
  unionName: z.string(),
  year: z.number().int(),
  schemes: z.array(SchemeTotals),
  total: SchemeTotals.omit({ scheme: true, label: true }),
  /** true when the count stopped at the scan limit */
  partial: z.boolean(),
})

// ---- 代办 ------------------------------------------------------------------------------------

export const ProxyCandidatesInput = z.object({ unionId: UnionIdInput })
export const ProxyCandidatesOutput = z.object({
  items: z.array(
    z.object({
      roleId: z.string(),
      /** masked so that two members stay apart: 李*强, 王*芳 (the register's name, not a WeChat nickname) */
      name: z.string(),
      /** 工作单位 from the member's profile, else the union's name: which 李*强 this is */
      unit: z.string(),
      /** 岗位或工种 from the profile ('' when not given) */
      job: z.string(),
      /** 2024年6月入会: tells apart two members whose masked names match */
      since: z.string(),
      /** the caller's request to this member, if one was sent: the button says so instead of asking again */
      asked: z.enum(['pending', 'accepted', 'declined']).nullable(),
    }),
  ),
})
export const RequestProxyInput = z.object({ roleId: z.string().trim().regex(/^[A-Za-z0-9_:-]{1,128}$/, '请选择职工') })
export const ProxyView = z.object({
  id: z.string(),
  cadreName: z.string(),
  workerName: z.string(),
  unionName: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.coerce.date(),
  /** the caller is the worker asked */
  isWorker: z.boolean(),
})
export const RequestProxyOutput = z.object({ proxy: ProxyView })
export const AnswerProxyInput = z.object({ proxyId: ProxyId, accept: z.boolean({ error: '请选择同意或不同意' }), version: z.string().trim().min(1).max(20) })
export const MyProxiesOutput = z.object({ items: z.array(ProxyView) })
