import type { Handler } from '../../../../server/createFunction'
import { acceptInvitation as accept } from '../../../../server/union/invitations'
import { roleLabel } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'

/** 接受邀请: the caller (from getWXContext) takes the office; the invitation is spent in the same transaction. */
export const acceptInvitation: Handler<typeof unionActions.acceptInvitation> = async ({ token }, ctx) => {
  const accepted = await accept(ctx.db, ctx.openid, token, ctx.now)
  return { ...accepted, roleLabel: roleLabel[accepted.role] }
}
