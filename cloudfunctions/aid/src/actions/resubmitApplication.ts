import type { Handler } from '../../../../server/createFunction'
import { resubmitApplication as resubmit } from '../../../../server/aid/submit'
import { aidStatusOf } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { aidStatusLabel } from '../../../../shared/aid/api'

export const resubmitApplication: Handler<typeof aidActions.resubmitApplication> = async (input, ctx) => {
  const { app, request } = await resubmit(ctx, input)
  const status = aidStatusOf(app, request.status)
  return { applicationId: app._id, requestId: request._id, status, statusLabel: aidStatusLabel[status] }
}
