import type { Handler } from '../../../../server/createFunction'
import { runInTransaction, txUpdate } from '../../../../server/requests/tx'
import { addUnionHistory } from '../../../../server/union/history'
import { loadFullUnion } from '../../../../server/union/office'
import { AppError } from '../../../../shared/contract'
import { mayRename } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'

/** 更名: the chair or the federation renames the union; past stints keep the name they were held under. */
export const renameUnion: Handler<typeof unionActions.renameUnion> = async ({ unionId, name }, ctx) => {
  const union = await loadFullUnion(ctx.db, unionId)
  if (!mayRename(ctx.grants, union)) throw new AppError('FORBIDDEN', `只有${union.name}的主席或上级工会可以更名`)
  if (union.dissolvedAt) throw new AppError('CONFLICT', `${union.name}已注销，不能更名`)
  if (name === union.name) throw new AppError('INVALID_INPUT', '新名称与现在的名称相同', { name: '新名称与现在的名称相同' })
  await runInTransaction(ctx.db, async (tx) => {
    await txUpdate(tx, 'unions', union._id, { name })
    await addUnionHistory(tx, { unionId, unionPath: union.path, at: ctx.now, actorOpenid: ctx.openid, action: 'rename', role: null, subjectOpenid: null, note: `由“${union.name}”更名为“${name}”` })
  })
  // member grants carry the union's name so a sign-up needs no read of the union (server/events/access.ts):
  // they follow the new name, in one where-update after the rename (a grant still on the old name for a
  // moment only labels a sign-up made in that moment)
  await ctx.db.collection('roles').where({ unionId, role: 'member' }).update({ data: { unionName: name } })
  return { unionId, name }
}
