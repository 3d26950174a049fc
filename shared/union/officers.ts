import type { RoleGrant, UnionRecord } from '../domain/union'

/**
 * Who may change what at a union. Federation staff supervise their subtree (domain backbone:
 * a role at a node reaches its subtree only where the rule says so); a chair runs her own union
 * but cannot remove herself or the federation's people.
 */
type Target = Pick<UnionRecord, '_id' | 'path' | 'level'>

export const isStaffOver = (grants: readonly RoleGrant[], target: Pick<UnionRecord, 'path'>): boolean =>
  grants.some((g) => g.role === 'staff' && target.path.includes(g.unionId))

/** Staff of a federation strictly above the union (not the union's own staff). */
export const isStaffAbove = (grants: readonly RoleGrant[], target: Pick<UnionRecord, '_id' | 'path'>): boolean =>
  grants.some((g) => g.role === 'staff' && g.unionId !== target._id && target.path.includes(g.unionId))

export const isChairOf = (grants: readonly RoleGrant[], target: Pick<UnionRecord, '_id'>): boolean =>
  grants.some((g) => g.role === 'chair' && g.unionId === target._id)

/** Remove an officer holding `role` at `target`: staff over it remove anyone; its chair removes vice-chairs and committee members. */
export function mayRemove(grants: readonly RoleGrant[], target: Target, role: string): boolean {
  if (isStaffOver(grants, target)) return true
  return isChairOf(grants, target) && (role === 'vice_chair' || role === 'committee')
}

export const maySetApprover = (grants: readonly RoleGrant[], target: Target): boolean => isStaffOver(grants, target) || isChairOf(grants, target)
export const mayRename = (grants: readonly RoleGrant[], target: Target): boolean => isStaffOver(grants, target) || isChairOf(grants, target)
/** 注销 is the federation's decision, for a grassroots union (a federation with unions under it is reorganised, not dissolved). */
export const mayDissolve = (grants: readonly RoleGrant[], target: Target): boolean => target.level === 'grassroots' && isStaffAbove(grants, target)
/** 建会登记 under a federation: its own staff or staff above it. */
export const mayRegisterUnder = (grants: readonly RoleGrant[], parent: Target): boolean => parent.level !== 'grassroots' && isStaffOver(grants, parent)
/** The union's page: its officers and the federation staff over it. */
export const maySeeOffice = (grants: readonly RoleGrant[], target: Target): boolean =>
  isStaffOver(grants, target) || grants.some((g) => g.unionId === target._id && g.role !== 'member')
