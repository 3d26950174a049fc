import type { Handler } from '../../../../server/createFunction'
import { withoutId } from '../../../../server/db'
import { runInTransaction, txSet } from '../../../../server/requests/tx'
import { addUnionHistory } from '../../../../server/union/history'
import { loadFullUnion } from '../../../../server/union/office'
import { grassrootsUnion, newUnionId, refuseTakenCreditCode } from '../../../../server/union/register'
import { freshInviteCode } from '../../../../server/union/root'
import { AppError } from '../../../../shared/contract'
import { mayRegisterUnder } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'
import { unionFounded } from '../../../../server/stats/tally'

/** 建会登记: federation staff register a grassroots union under their federation; its first chair is then invited. */
export const registerUnion: Handler<typeof unionActions.registerUnion> = async ({ parentId, ...reg }, ctx) => {
  const parent = await loadFullUnion(ctx.db, parentId)
  if (!mayRegisterUnder(ctx.grants, parent)) throw new AppError('FORBIDDEN', `只有${parent.name}及上级工会的干部可以在这里登记建会`)
  if (parent.dissolvedAt) throw new AppError('CONFLICT', `${parent.name}已注销，不能在其下建会`)
  await refuseTakenCreditCode(ctx.db, reg.creditCode)
  const union = grassrootsUnion(newUnionId(), parent, reg, await freshInviteCode(ctx.db), ctx.now)
  await runInTransaction(ctx.db, async (tx) => {
    await txSet(tx, 'unions', union._id, withoutId(union))
    await unionFounded(ctx, tx, union, ctx.now)
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'register',
      role: null,
      subjectOpenid: null,
      note: `${parent.name}登记建会：${reg.employer}（${reg.creditCode}）`,
    })
  })
  return { unionId: union._id, name: union.name }
}
