import type { Handler } from '../../../../server/createFunction'
import { runInTransaction, txGet, txUpdate } from '../../../../server/requests/tx'
import { addUnionHistory } from '../../../../server/union/history'
import { decidesHere, findOffice, loadFullUnion, officerViews, officersOf } from '../../../../server/union/office'
import { AppError } from '../../../../shared/contract'
import { maySetApprover } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'

/**
 * 审批人: the chair (or the federation over the union) designates a vice-chair to decide the union's
 * requests, or stops doing so; the same `approver` flag the request engine reads, now with history.
 */
export const setApprover: Handler<typeof unionActions.setApprover> = async ({ unionId, officerId, approver }, ctx) => {
  const union = await loadFullUnion(ctx.db, unionId)
  const office = await findOffice(ctx.db, union._id, officerId, '没有找到这位副主席，可能已经卸任')
  const roleId = office._id
  if (!maySetApprover(ctx.grants, union)) throw new AppError('FORBIDDEN', '只有本工会主席或上级工会可以指定审批人')
  if (office.role !== 'vice_chair') throw new AppError('INVALID_INPUT', '只能指定本工会的副主席为审批人', { officerId: '请选择一位副主席' })
  await runInTransaction(ctx.db, async (tx) => {
    if ((await txGet(tx, 'roles', roleId)) === null) throw new AppError('CONFLICT', '这位副主席刚刚已卸任，请刷新后再看')
    await txUpdate(tx, 'roles', roleId, { approver, approverSetBy: ctx.openid, approverSetAt: ctx.now })
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'set_approver',
      role: 'vice_chair',
      subjectOpenid: office.openid,
      note: approver ? '指定为审批人' : '不再担任审批人',
    })
  })
  const officers = await officersOf(ctx.db, union._id)
  return { unionId: union._id, officers: await officerViews(ctx.db, officers, ctx.openid), decidedAbove: !decidesHere(officers) }
}
