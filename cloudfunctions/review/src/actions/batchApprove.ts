import type { Handler } from '../../../../server/createFunction'
import { batchApprove as approveEach } from '../../../../server/requests/engine'
import type { reviewActions } from '../../../../shared/requests/actions'
import { requestStatusLabel } from '../../../../shared/requests/state'

/** 批量通过: each item on its own; the answer says how each one went. */
export const batchApprove: Handler<typeof reviewActions.batchApprove> = async (input, ctx) => {
  const outcomes = await approveEach(ctx, input.items, input.reason)
  const results = outcomes.map((o) =>
    o.ok
      ? { requestId: o.requestId, ok: true as const, status: o.request.status, statusLabel: requestStatusLabel[o.request.status] }
      : { requestId: o.requestId, ok: false as const, code: o.code, message: o.message },
  )
  const approved = results.filter((r) => r.ok).length
  return { results, approved, failed: results.length - approved }
}
