import type { Handler } from '../../../../server/createFunction'
import { updateById } from '../../../../server/db'
import { ensureUser } from '../../../../server/users'
import type { accountActions } from '../../../../shared/account/actions'

export const updateNickname: Handler<typeof accountActions.updateNickname> = async ({ nickName }, ctx) => {
  await ensureUser(ctx)
  await updateById(ctx.db.collection('users'), ctx.openid, { nickName, updatedAt: ctx.now })
  return { nickName }
}
