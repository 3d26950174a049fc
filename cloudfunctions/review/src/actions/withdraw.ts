import type { Handler } from '../../../../server/createFunction'
import { withdrawRequest } from '../../../../server/requests/engine'
import { toItem } from '../../../../server/requests/views'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 撤回 by the applicant. */
export const withdraw: Handler<typeof reviewActions.withdraw> = async (input, ctx) => {
  const request = await withdrawRequest(ctx, input)
  return { request: toItem(request, ctx.openid, ctx.grants) }
}
