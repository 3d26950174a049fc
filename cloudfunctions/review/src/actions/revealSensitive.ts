import type { Handler } from '../../../../server/createFunction'
import { revealSensitive as openAudited } from '../../../../server/privacy/audit'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 查看完整: a reviewer opens one sensitive value in full; the opening is written to the audit log. */
export const revealSensitive: Handler<typeof reviewActions.revealSensitive> = async (input, ctx) => {
  const { value } = await openAudited(ctx, input)
  return { value, notice: '本次查看已记录在案，仅限审核使用，请勿外传' }
}
