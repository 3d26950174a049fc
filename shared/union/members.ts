import { z } from 'zod'
import { DuesLineStatus, DuesMonth, ExemptionView } from './dues'
import { UnionId } from './schemas'

/**
 * One member as the union sees her (会员详情): masked identifiers, the history of her stints, her dues,
 * 拟除名 and 免缴; and the union's decisions about her — 除名 through the request engine and the
 * chair's hardship exemption from dues (会费减免), linked to her 困难档案 when there is one.
 */

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少${min}个字`)
    .max(max, `${label}最多${max}个字`)

export const MemberNo = z.string({ error: '请选择会员' }).trim().regex(/^[A-Za-z0-9-]{1,40}$/, '会员编号不正确')
export const MemberInput = z.object({ unionId: UnionId, memberNo: MemberNo })

/** 拟除名: this many consecutive recorded months unpaid, without an exemption. */
export const ARREARS_MONTHS = 6

export const MemberDetail = z.object({
  memberNo: z.string(),
  name: z.string(),
  phoneMasked: z.string(),
  idMasked: z.string(),
  genderLabel: z.string(),
  workerTypeLabel: z.string(),
  employer: z.string(),
  job: z.string(),
  unionName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  joinedAt: z.coerce.date(),
  arrears: z.boolean(),
  exemption: ExemptionView.nullable(),
  /** an open 困难档案 the chair may link an exemption to */
  hardshipFile: z.boolean(),
  /** every stint, newest first: joins, transfers, 保留会籍, 退会, 除名 */
  stints: z.array(z.object({ unionName: z.string(), from: z.coerce.date(), to: z.coerce.date().nullable(), statusLabel: z.string(), current: z.boolean() })),
  dues: z.array(z.object({ month: z.string(), monthLabel: z.string(), unionName: z.string(), amountFen: z.number().int(), status: DuesLineStatus, statusLabel: z.string(), reason: z.string() })),
  /** 除名 waiting for a decision */
  expulsionPending: z.boolean(),
  may: z.object({ reveal: z.boolean(), expel: z.boolean(), exempt: z.boolean() }),
})
export type MemberDetail = z.infer<typeof MemberDetail>

export const RevealField = z.enum(['idNumber', 'phone'], { error: '请选择要查看的内容' })
export type RevealField = z.infer<typeof RevealField>
export const RevealMemberInput = MemberInput.extend({ field: RevealField })
export const RevealedMember = z.object({ value: z.string(), notice: z.string() })

/** 除名: the reason is kept with the request and told to the member (e.g. 连续六个月无正当理由未缴纳会费). */
export const ProposeExpulsionInput = MemberInput.extend({ reason: text('除名理由', 5, 200) })
export const ProposedExpulsion = z.object({ requestId: z.string(), status: z.string() })

export const GrantExemptionInput = MemberInput.extend({ from: DuesMonth, reason: text('免缴原因', 2, 60) })
export const EndExemptionInput = MemberInput.extend({ reason: text('停止免缴的原因', 2, 60) })
export const ExemptionChanged = z.object({ memberNo: z.string(), exemption: ExemptionView.nullable() })
