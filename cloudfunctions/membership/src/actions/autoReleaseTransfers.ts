import type { Ctx } from '../../../../server/context'
import { findMany } from '../../../../server/db'
import { ACCEPT_STEP } from '../../../../server/membership/kinds/transfer'
import { REQUESTS, advanceRequest } from '../../../../server/requests/engine'
import { AppError } from '../../../../shared/contract'
import { RequestDoc } from '../../../../shared/requests/schemas'
import { autoReleaseCutoff, autoReleaseDays } from '../../../../shared/membership/transfer'

/** Transfers released per run; the timer runs daily, so a backlog clears over a few days at most. */
const BATCH = 50

/**
 * Timer: a transfer the old union has not released within the configured days (env
 * GHT_TRANSFER_RELEASE_DAYS, default 15) is released automatically and goes to the new union.
 * Each release is its own transaction through the engine, with its history line and messages.
 */
export async function autoReleaseTransfers(ctx: Ctx): Promise<{ released: number; skipped: number }> {
  const days = autoReleaseDays(process.env.GHT_TRANSFER_RELEASE_DAYS)
  const _ = ctx.db.command
  const due = await findMany(
    ctx.db
      .collection(REQUESTS)
      .where({ kind: 'membership.transfer', status: 'submitted', step: 0, submittedAt: _.lte(autoReleaseCutoff(ctx.now, days)) })
      .orderBy('submittedAt', 'asc'),
    RequestDoc,
    BATCH,
  )
  let released = 0
  let skipped = 0
  for (const request of due) {
    try {
      await advanceRequest(ctx, {
        requestId: request._id,
        expectedVersion: request.version,
        to: 'in_review',
        step: ACCEPT_STEP,
        note: '原工会逾期未处理，自动转出',
        reason: `原工会${days}天内未处理，按规定自动转出`,
      })
      released += 1
    } catch (err) {
      // someone acted in the meantime (CONFLICT) or the request changed: leave it to its new state
      if (!(err instanceof AppError)) console.error(`[membership] auto-release of ${request._id} failed`, err)
      skipped += 1
    }
  }
  return { released, skipped }
}
