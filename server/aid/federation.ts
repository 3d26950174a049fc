import { AppError } from '../../shared/contract'
import type { RoleGrant, Union } from '../../shared/domain/union'
import type { Ctx } from '../context'
import { loadUnion } from './config'

/**
 * Who may look at and change a federation's aid configuration and fund: federation staff. Staff of
 * the federation or above may change it; staff of a union inside it (a street federation under the
 * district) may look, because they approve against it.
 */
export const staffReaching = (grants: readonly RoleGrant[], union: Pick<Union, 'path'>): boolean =>
  grants.some((g) => g.role === 'staff' && union.path.includes(g.unionId))
export const staffInside = (grants: readonly RoleGrant[], union: Pick<Union, '_id'>): boolean =>
  grants.some((g) => g.role === 'staff' && g.unionPath.includes(union._id))

/** The federation an action is about: the one named, else the one the caller's first staff grant sits in. */
export async function federationFor(ctx: Ctx, federationId: string | undefined): Promise<Union> {
  const id = federationId ?? ctx.grants.find((g) => g.role === 'staff')?.unionPath[0]
  if (!id) throw new AppError('FORBIDDEN', '只有工会联合会、总工会的工作人员可以查看')
  const union = await loadUnion(ctx.db, id)
  if (union.level === 'grassroots') throw new AppError('INVALID_INPUT', '请选择总工会或工会联合会', { federationId: '请选择总工会或工会联合会' })
  if (!staffReaching(ctx.grants, union) && !staffInside(ctx.grants, union)) throw new AppError('FORBIDDEN', '只有工会联合会、总工会的工作人员可以查看')
  return union
}
