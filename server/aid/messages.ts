import type { Phrase } from '../../shared/notify/fields'
import { schemeLabel, type SchemeCode } from '../../shared/aid/config'
import type { Ctx } from '../context'
import { enqueue, type Writer } from '../notify'
import { deliverNow } from '../requests/notices'
import { applicationPage } from './collections'

const isScheme = (s: string): s is SchemeCode => s in schemeLabel
/** A scheme code reads as its name (生活救助); anything else (困难职工档案, 帮扶代办) as it is. */
const subjectOf = (s: string): string => (isScheme(s) ? schemeLabel[s] : s)

/**
 * 申请进度通知 for aid events the engine does not announce itself (公示结束, 已发放, 异议, 档案复核, 代办).
 * Neutral words only: never an amount, an illness or a name (domain.md B1, B11).
 */
export async function tellAidProgress(
  tx: Writer,
  input: { toOpenid: string; scheme: SchemeCode | string; status: Phrase; remark: string; body: string; applicationId?: string; page?: string; requestId?: string; at: Date },
): Promise<string> {
  const { outboxId } = await enqueue(tx, {
    toOpenid: input.toOpenid,
    template: 'aidProgress',
    page: input.page ?? (input.applicationId ? applicationPage(input.applicationId) : ''),
    data: { scheme: subjectOf(input.scheme), status: input.status, remark: input.remark, updatedAt: input.at },
    title: `${subjectOf(input.scheme)}：${input.status}`,
    body: input.body,
    requestId: input.requestId,
    at: input.at,
  })
  return outboxId
}

/** Pushes messages written by a committed change (best effort; the inbox already has them). */
export function deliver(ctx: Ctx, outboxIds: readonly string[]): Promise<void> {
  return deliverNow(ctx, outboxIds)
}
