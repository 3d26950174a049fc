import type { Handler } from '../../../../server/createFunction'
import { runInTransaction, txGet, txUpdate } from '../../../../server/requests/tx'
import { addUnionHistory } from '../../../../server/union/history'
import { designatableKinds, findOffice, loadFullUnion, officeChanged } from '../../../../server/union/office'
import { AppError } from '../../../../shared/contract'
import { maySetApprover } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'

/**
 * 审批人 per kind of request: the chair (or the federation over the union) names the kinds a vice-chair
 * decides — 入会申请, 转会申请, 帮扶, 除名 … — or none. The chair decides every kind herself, so a union
 * with a chair always has someone for each kind; without one, a kind nobody here decides goes up a
 * level (server/requests/people.ts reviewerOpenids). One transaction with its history line.
 */
export const setApprover: Handler<typeof unionActions.setApprover> = async ({ unionId, officerId, kinds }, ctx) => {
  const union = await loadFullUnion(ctx.db, unionId)
  if (!maySetApprover(ctx.grants, union)) throw new AppError('FORBIDDEN', '只有本工会主席或上级工会可以指定审批人')
  const office = await findOffice(ctx.db, union._id, officerId, '没有找到这位副主席，可能已经卸任')
  if (office.role !== 'vice_chair') throw new AppError('INVALID_INPUT', '只能指定本工会的副主席为审批人', { officerId: '请选择一位副主席' })
  const known = designatableKinds(union)
  const chosen = [...new Set(kinds)]
  chosen.forEach((kind, i) => {
    if (!known.some((k) => k.kind === kind)) throw new AppError('INVALID_INPUT', `第${i + 1}项申请类型不能由本工会审批`, { [`kinds.${i}`]: '本工会不审批这类申请' })
  })
  const labels = known.filter((k) => chosen.includes(k.kind)).map((k) => k.label)
  await runInTransaction(ctx.db, async (tx) => {
    if ((await txGet(tx, 'roles', office._id)) === null) throw new AppError('CONFLICT', '这位副主席刚刚已卸任，请刷新后再看')
    // the per-kind list replaces the older all-kinds flag
    await txUpdate(tx, 'roles', office._id, { approver: false, approverKinds: chosen, approverSetBy: ctx.openid, approverSetAt: ctx.now })
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'set_approver',
      role: 'vice_chair',
      subjectOpenid: office.openid,
      note: labels.length ? `指定为审批人：${labels.join('、')}` : '不再担任审批人',
    })
  })
  return officeChanged(ctx, union)
}
