import { z } from 'zod'
import { inChina } from '../date'

/**
 * 困难职工档案 (一户一档, domain.md A8): verified every year, closed (退档) when the family is out of
 * hardship, retires, moves away or dies — "应建则建、应帮尽帮、应退则退".
 */
export const FileStatus = z.enum(['active', 'closed'])
export type FileStatus = z.infer<typeof FileStatus>
export const fileStatusLabel: Record<FileStatus, string> = { active: '在档', closed: '已退档' }

export const CloseReason = z.enum(['recovered', 'retired', 'movedAway', 'deceased', 'noLongerEligible', 'other'], { error: '请选择退档原因' })
export type CloseReason = z.infer<typeof CloseReason>
export const closeReasonLabel: Record<CloseReason, string> = {
  recovered: '家庭已脱困',
  retired: '已退休',
  movedAway: '调离或迁出本地',
  deceased: '本人去世',
  noLongerEligible: '年度复核不再符合条件',
  other: '其他原因',
}

/** Files are verified once a year; the household profile is reconfirmed on the same rhythm. */
export const REVIEW_EVERY_MONTHS = 12

export function nextReviewAt(from: Date): Date {
  return inChina(from).add(REVIEW_EVERY_MONTHS, 'month').toDate()
}

export function isReviewDue(file: { status: FileStatus; reviewDueAt: Date }, now: Date): boolean {
  return file.status === 'active' && file.reviewDueAt.getTime() <= now.getTime()
}

/** A household profile older than a year must be looked over again before it is used. */
export function profileNeedsReconfirm(confirmedAt: Date | null, now: Date): boolean {
  return confirmedAt === null || nextReviewAt(confirmedAt).getTime() <= now.getTime()
}
