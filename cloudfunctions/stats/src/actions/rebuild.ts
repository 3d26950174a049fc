import type { Handler } from '../../../../server/createFunction'
import { rebuildSlice } from '../../../../server/stats/rebuild'
import { AppError } from '../../../../shared/contract'
import type { statsActions } from '../../../../shared/stats/actions'

/**
 * Counts every union's years again from the records, a bounded slice per call (a few seconds, whatever
 * the size): the caller calls again with the answer's runId until `done`. The whole tree's figures
 * change, so only staff of the root federation (a grant at a union with no parent) may run it.
 */
export const rebuild: Handler<typeof statsActions.rebuild> = async (input, ctx) => {
  if (!ctx.grants.some((g) => g.role === 'staff' && g.unionPath.length === 1)) throw new AppError('FORBIDDEN', '只有总工会的工作人员可以重新统计年度数据')
  const started = Date.now()
  const progress = await rebuildSlice(ctx.db, { runId: input.runId, now: ctx.now })
  return { ...progress, ms: Date.now() - started }
}
