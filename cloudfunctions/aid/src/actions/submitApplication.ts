import type { Handler } from '../../../../server/createFunction'
import { submitApplication as submit } from '../../../../server/aid/submit'
import { aidStatusOf } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { aidStatusLabel } from '../../../../shared/aid/api'

export const submitApplication: Handler<typeof aidActions.submitApplication> = async (input, ctx) => {
  const { app, request } = await submit(ctx, input)
  const status = aidStatusOf(app, request.status)
  return { applicationId: app._id, requestId: request._id, status, statusLabel: aidStatusLabel[status] }
}
