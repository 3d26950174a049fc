import type { Handler } from '../../../../server/createFunction'
import { runInTransaction, txGet, txRemove } from '../../../../server/requests/tx'
import { addUnionHistory } from '../../../../server/union/history'
import { findOffice, loadFullUnion, officeChanged } from '../../../../server/union/office'
import { AppError } from '../../../../shared/contract'
import { roleLabel } from '../../../../shared/domain/union'
import { mayRemove } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'

/**
 * 免职: the chair removes her vice-chairs and committee members; federation staff over the union
 * remove anyone, the chair included. A union left without a chair has its requests decided by the
 * federation above (its staff reach every step in their subtree), so nothing waits unseen.
 */
export const removeOfficer: Handler<typeof unionActions.removeOfficer> = async ({ unionId, officerId, reason }, ctx) => {
  const union = await loadFullUnion(ctx.db, unionId)
  const office = await findOffice(ctx.db, union._id, officerId, '没有找到这项职务，可能已经免去')
  const roleId = office._id
  if (!mayRemove(ctx.grants, union, office.role)) throw new AppError('FORBIDDEN', `您不能免去${union.name}的${roleLabel[office.role]}`)
  if (office.openid === ctx.openid) throw new AppError('FORBIDDEN', '不能免去自己的职务，请由上级工会办理')
  await runInTransaction(ctx.db, async (tx) => {
    if ((await txGet(tx, 'roles', roleId)) === null) throw new AppError('CONFLICT', '这项职务刚刚已被免去，请刷新后再看')
    await txRemove(tx, 'roles', roleId)
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'remove',
      role: office.role,
      subjectOpenid: office.openid,
      note: `免去${roleLabel[office.role]}：${reason}`,
    })
  })
  return officeChanged(ctx, union)
}
