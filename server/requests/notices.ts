import type { Phrase } from '../../shared/notify/fields'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { deliverPending, enqueue } from '../notify'
import { kindLabelOf, type RequestKind } from './registry'
import type { Transaction } from './tx'

/** The page a reviewer's message opens (also the page a subscribe message deep-links to). */
export const reviewPage = (requestId: string): string => `packages/review/detail?id=${requestId}`

/** 待审批提醒 to each reviewer of the current step: kind, masked applicant, time, and 待审批 or 已超期. */
export async function remindReviewers(
  tx: Transaction,
  request: RequestDoc,
  reviewers: readonly string[],
  status: Extract<Phrase, '待审批' | '已超期'>,
  at: Date,
): Promise<string[]> {
  const label = kindLabelOf(request.kind)
  const body =
    status === '已超期'
      ? `${request.applicantName}的${label}已超过办理时限，请尽快处理。`
      : `${request.applicantName}提交的${label}「${request.summary.title}」等待您审核。`
  const ids: string[] = []
  for (const toOpenid of reviewers) {
    if (toOpenid === request.applicantOpenid) continue
    const { outboxId } = await enqueue(tx, {
      toOpenid,
      template: 'reviewTodo',
      page: reviewPage(request._id),
      data: { kind: label, applicant: request.applicantName, submittedAt: request.submittedAt, status },
      title: status === '已超期' ? '待办已超期' : '新的待审批事项',
      body,
      requestId: request._id,
      at,
    })
    ids.push(outboxId)
  }
  return ids
}

const resultPhrase = { approved: '已通过', rejected: '已驳回', returned: '已退回' } as const satisfies Record<string, Phrase>
const resultBody = {
  approved: '已审核通过。',
  rejected: '未获通过，原因请在小程序中查看。',
  returned: '被退回修改，请按意见修改后重新提交。',
} as const

/**
 * 审批结果通知 to the applicant. The reviewer's reason stays inside the app (it is free text and
 * may touch on private matters); the message only says what happened.
 */
export async function tellApplicant(
  tx: Transaction,
  request: RequestDoc,
  kind: RequestKind,
  result: keyof typeof resultPhrase,
  at: Date,
): Promise<string> {
  const { outboxId } = await enqueue(tx, {
    toOpenid: request.applicantOpenid,
    template: 'reviewResult',
    page: kind.applicantPage?.(request) ?? reviewPage(request._id),
    data: { kind: kind.label, result: resultPhrase[result], remark: '详情请在小程序中查看', decidedAt: at },
    title: `${kind.label}${resultPhrase[result]}`,
    // a title that starts with the applicant's masked name (王*申请入会) is not repeated to its owner
    body: `您的${kind.label}${request.summary.title.startsWith(request.applicantName) ? '' : `「${request.summary.title}」`}${resultBody[result]}`,
    requestId: request._id,
    at,
  })
  return outboxId
}

/** Pushes the messages a committed change wrote. Best effort: the inbox already has them and the timer retries. */
export async function deliverNow(ctx: Ctx, outboxIds: readonly string[]): Promise<void> {
  if (outboxIds.length === 0) return
  try {
    await deliverPending(ctx, { ids: outboxIds })
  } catch (err) {
    console.error('[requests] immediate delivery failed; the notify timer will retry', err)
  }
}
