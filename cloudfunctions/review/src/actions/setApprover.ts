import { z } from 'zod'
import type { Handler } from '../../../../server/createFunction'
import { findById, updateById } from '../../../../server/db'
import { AppError } from '../../../../shared/contract'
import { Role } from '../../../../shared/domain/union'
import type { reviewActions } from '../../../../shared/requests/actions'

const RoleDoc = z.object({ _id: z.string(), openid: z.string(), unionId: z.string(), role: Role })

/**
 * The chair designates (or stops designating) a vice-chair of their own union as an approver:
 * "the chair (and vice-chairs the chair designates)" act on the union's requests.
 */
export const setApprover: Handler<typeof reviewActions.setApprover> = async (input, ctx) => {
  const roles = ctx.db.collection('roles')
  const target = await findById(roles, input.roleId, RoleDoc)
  if (!target) throw new AppError('NOT_FOUND', '没有找到这位副主席，可能已经卸任')
  if (!ctx.grants.some((g) => g.role === 'chair' && g.unionId === target.unionId)) {
    throw new AppError('FORBIDDEN', '只有本工会主席可以指定审批人')
  }
  if (target.role !== 'vice_chair') throw new AppError('INVALID_INPUT', '只能指定本工会的副主席为审批人', { roleId: '请选择一位副主席' })
  await updateById(roles, target._id, { approver: input.approver, approverSetBy: ctx.openid, approverSetAt: ctx.now })
  return { roleId: target._id, approver: input.approver }
}
