import { z } from 'zod'
import { UnionId } from './schemas'

/**
 * 会费 recorded by the union: one document per union and month with a line per member
 * (payroll deduction, 代扣), so a month is recorded in one transaction and cannot be recorded twice.
 * Money is integer fen.
 */
export const DuesMonth = z
  .string({ error: '请选择月份' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2025-03')
export type DuesMonth = z.infer<typeof DuesMonth>

/** 2025-03 → 2025年3月 */
export const monthLabel = (month: string): string => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`

export const DuesLineStatus = z.enum(['paid', 'exempt', 'unpaid'])
export type DuesLineStatus = z.infer<typeof DuesLineStatus>
export const duesLineStatusLabel: Record<DuesLineStatus, string> = { paid: '已缴', exempt: '免缴', unpaid: '未缴' }

const Fen = z.number({ error: '请填写金额' }).int('金额以分为单位，是整数').min(0, '金额不能为负').max(1_000_000, '每月会费不会超过1万元，请核对')
const MemberNo = z.string({ error: '请填写会员编号' }).trim().regex(/^[A-Za-z0-9-]{1,40}$/, '会员编号不正确')

export const DuesException = z.object({
  memberNo: MemberNo,
  status: z.enum(['exempt', 'unpaid'], { error: '请选择免缴或未缴' }),
  reason: z.string({ error: '请填写原因' }).trim().min(2, '请填写原因').max(60, '原因最多60个字'),
})

export const RecordDuesInput = z.object({
  unionId: UnionId,
  month: DuesMonth,
  /** what each member's payroll deduction came to this month, unless an exception says otherwise */
  amountFen: Fen,
  exceptions: z.array(DuesException).max(500, '一次最多登记500条例外').default([]),
})
export const RecordedDues = z.object({ month: z.string(), paid: z.number().int(), exempt: z.number().int(), unpaid: z.number().int(), totalFen: z.number().int() })

export const DuesLine = z.object({ memberNo: z.string(), amountFen: z.number().int(), status: DuesLineStatus, reason: z.string() })
export type DuesLine = z.infer<typeof DuesLine>

/** `union_dues` as stored: _id is `<unionId>:<YYYY-MM>`. */
export const DuesRecord = z.object({
  _id: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  month: z.string(),
  recordedBy: z.string(),
  recordedAt: z.date(),
  lines: z.array(DuesLine),
  totalFen: z.number().int(),
})
export type DuesRecord = z.infer<typeof DuesRecord>
export const duesRecordId = (unionId: string, month: string): string => `${unionId}:${month}`

/** 免缴: a chair's hardship exemption from dues, as the member and the union see it. */
export const ExemptionView = z.object({
  /** 2025年3月起 */
  fromLabel: z.string(),
  reason: z.string(),
  /** it rests on the member's open 困难档案 (aid's household file) */
  hardshipFile: z.boolean(),
  grantedAt: z.coerce.date(),
})
export type ExemptionView = z.infer<typeof ExemptionView>

/** `union_dues_totals` as stored: _id is `<federationId>:<YYYY-MM>`; the sums of the month's records of the unions under it. */
export const DuesTotals = z.object({
  _id: z.string(),
  unionId: z.string(),
  month: z.string(),
  /** unions under the federation that recorded the month */
  unions: z.number().int(),
  paid: z.number().int(),
  exempt: z.number().int(),
  unpaid: z.number().int(),
  totalFen: z.number().int(),
})
export type DuesTotals = z.infer<typeof DuesTotals>

export const MyDues = z.object({
  /** 已缴至: the latest month paid or exempt, as 2025年3月; null before the first */
  paidThrough: z.string().nullable(),
  /** 免缴: the union's hardship exemption in force for her current membership */
  exemption: ExemptionView.nullable(),
  history: z.array(z.object({ month: z.string(), monthLabel: z.string(), unionName: z.string(), amountFen: z.number().int(), status: DuesLineStatus, statusLabel: z.string() })),
})
export type MyDues = z.infer<typeof MyDues>
