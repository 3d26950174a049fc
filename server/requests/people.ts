import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { DEFAULT_NICKNAME } from '../../shared/account/schemas'
import { Union, type Role } from '../../shared/domain/union'
import { ReviewerGrant, approvesKind } from '../../shared/requests/access'
import type { Step } from '../../shared/requests/schemas'
import type { Ctx, Database } from '../context'
import { findById, findMany } from '../db'

const RoleDoc = ReviewerGrant.extend({ _id: z.string(), openid: z.string() })
type RoleDoc = z.infer<typeof RoleDoc>
const UserName = z.object({ nickName: z.string() })

/** A union by id, or NOT_FOUND in words a person understands. */
export async function loadUnion(db: Database, unionId: string): Promise<Union> {
  const union = await findById(db.collection('unions'), unionId, Union)
  if (!union) throw new AppError('NOT_FOUND', '没有找到这个工会，请重新选择')
  return union
}

/**
 * The caller's grants with the chair's designation: the router strips the `approver` flag, so a
 * caller who holds a vice-chair role has their vice-chair grants read again with it.
 */
export async function loadReviewerGrants(ctx: Ctx): Promise<ReviewerGrant[]> {
  if (!ctx.grants.some((g) => g.role === 'vice_chair')) return ctx.grants
  const viceChairs = await findMany(ctx.db.collection('roles').where({ openid: ctx.openid, role: 'vice_chair' }), RoleDoc, 50)
  return [
    ...ctx.grants.filter((g) => g.role !== 'vice_chair'),
    ...viceChairs.map((r) => ({ unionId: r.unionId, role: r.role, unionPath: r.unionPath, approver: r.approver === true, approverKinds: r.approverKinds ?? [] })),
  ]
}

/** Who sits in `roles` at the union and decides `kind` there (a vice-chair only for the kinds the chair named). */
async function holders(db: Database, unionId: string, roles: readonly Role[], kind?: string): Promise<RoleDoc[]> {
  const wanted = roles.filter((r) => r === 'chair' || r === 'vice_chair' || r === 'staff')
  if (wanted.length === 0) return []
  const _ = db.command
  const docs = await findMany(db.collection('roles').where({ unionId, role: _.in(wanted) }), RoleDoc, 50)
  return docs.filter((r) => r.role !== 'vice_chair' || approvesKind(r, kind))
}

/**
 * Who is told that a step waits for them: the chair and designated vice-chairs (or staff) of the
 * step's union, less those who must stay out of it (`recused`: the 代办 filer, deciders of other
 * steps). A union with nobody left in those seats hands the step to the staff of the nearest
 * federation above (who may act anywhere in their subtree), so a request never waits unseen.
 * Read before the transaction (it is a query).
 */
export async function reviewerOpenids(db: Database, step: Pick<Step, 'unionId' | 'unionPath' | 'roles'>, recused: readonly string[] = [], kind?: string): Promise<string[]> {
  const eligible = (docs: RoleDoc[]) => unique(docs.map((r) => r.openid)).filter((o) => !recused.includes(o))
  const own = eligible(await holders(db, step.unionId, step.roles, kind))
  if (own.length > 0) return own
  const ancestors = step.unionPath.slice(0, -1).reverse()
  for (const unionId of ancestors.slice(0, 3)) {
    const staff = eligible(await holders(db, unionId, ['staff']))
    if (staff.length > 0) return staff
  }
  return []
}

/** Whether nobody at the step's own union may decide (no one in the seats, or all must stay out of it), so the level above decides. */
export async function escalatedAbove(db: Database, step: Pick<Step, 'unionId' | 'roles'>, recused: readonly string[], kind?: string): Promise<boolean> {
  const own = unique((await holders(db, step.unionId, step.roles, kind)).map((r) => r.openid))
  return own.every((o) => recused.includes(o))
}

/** The name shown in a history line: the account's name, or the role when there is none. */
export async function displayName(db: Database, openid: string, fallback: string): Promise<string> {
  if (!openid) return fallback
  const user = await findById(db.collection('users'), openid, UserName)
  const name = user?.nickName.trim() ?? ''
  return name && name !== DEFAULT_NICKNAME ? name : fallback
}

const unique = (ids: string[]): string[] => [...new Set(ids)]
