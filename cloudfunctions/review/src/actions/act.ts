import type { Handler } from '../../../../server/createFunction'
import { actOnRequest } from '../../../../server/requests/engine'
import { loadReviewerGrants } from '../../../../server/requests/people'
import { toItem } from '../../../../server/requests/views'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 通过 / 驳回 / 退回修改 at the current desk. */
export const act: Handler<typeof reviewActions.act> = async (input, ctx) => {
  const request = await actOnRequest(ctx, input)
  return { request: toItem(request, ctx.openid, await loadReviewerGrants(ctx)) }
}
