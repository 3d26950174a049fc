import { RequestDoc } from '../../shared/requests/schemas'
import { recusedAt } from '../../shared/requests/access'
import { PENDING_STATUSES, isPending } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { HISTORY, REQUESTS } from './engine'
import { deliverNow, remindReviewers } from './notices'
import { reviewerOpenids } from './people'
import { runInTransaction, txAdd, txGet, txUpdate } from './tx'

/** Requests looked at per timer run: the run must finish well inside the function's time limit. */
const PAGE = 50
const MAX_PAGES = 4

export interface OverdueSummary {
  marked: number
  reminders: number
  /** found past due but changed by someone else meanwhile */
  skipped: number
}

/**
 * Timer (hourly): every request still waiting past its 办理时限 is marked overdue once, with a
 * history line, and its reviewers get one 待审批提醒 saying 已超期 — all in one transaction per
 * request, so a second run (or two overlapping runs) never marks or reminds twice.
 */
export async function markOverdue(ctx: Ctx): Promise<OverdueSummary> {
  const _ = ctx.db.command
  const summary: OverdueSummary = { marked: 0, reminders: 0, skipped: 0 }
  const outbox: string[] = []
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const due = await findMany(
      ctx.db
        .collection(REQUESTS)
        .where({ status: _.in([...PENDING_STATUSES]), dueAt: _.lte(ctx.now), overdue: false })
        .orderBy('dueAt', 'asc'),
      RequestDoc,
      PAGE,
    )
    for (const request of due) {
      const reviewers = await reviewerOpenids(ctx.db, request.chain[request.step], recusedAt(request, request.step), request.kind)
      const done = await runInTransaction(ctx.db, async (tx) => {
        const raw = await txGet(tx, REQUESTS, request._id)
        const fresh = raw === null ? null : RequestDoc.parse(raw)
        if (!fresh || fresh.overdue || !isPending(fresh.status) || fresh.version !== request.version || !fresh.dueAt || fresh.dueAt > ctx.now) return null
        await txUpdate(tx, REQUESTS, fresh._id, { overdue: true })
        await txAdd(tx, HISTORY, {
          requestId: fresh._id,
          at: ctx.now,
          actorOpenid: '',
          actorName: '系统',
          actorRole: 'system',
          action: 'overdue',
          fromStatus: fresh.status,
          toStatus: fresh.status,
          step: fresh.step,
          reason: '',
          note: '',
        })
        return remindReviewers(tx, { ...fresh, overdue: true }, reviewers, '已超期', ctx.now)
      })
      if (done === null) summary.skipped += 1
      else {
        summary.marked += 1
        summary.reminders += done.length
        outbox.push(...done)
      }
    }
    if (due.length < PAGE) break
  }
  await deliverNow(ctx, outbox)
  return summary
}
