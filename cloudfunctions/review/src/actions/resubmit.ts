import type { Handler } from '../../../../server/createFunction'
import { resubmitRequest } from '../../../../server/requests/engine'
import { toItem } from '../../../../server/requests/views'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 重新提交 a returned request (after the corrections were saved where the kind keeps them). */
export const resubmit: Handler<typeof reviewActions.resubmit> = async (input, ctx) => {
  const request = await resubmitRequest(ctx, input)
  return { request: toItem(request, ctx.openid, ctx.grants) }
}
