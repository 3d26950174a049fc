import { z } from 'zod'

/** Level of a node in the union tree (architecture §5). */
export const UnionLevel = z.enum(['federation', 'street', 'grassroots'])
export type UnionLevel = z.infer<typeof UnionLevel>
export const unionLevelLabel: Record<UnionLevel, string> = {
  federation: '区县总工会',
  street: '街道/乡镇工会联合会',
  grassroots: '基层工会',
}

/** 工会: one node of the tree. `path` lists the ancestors' ids from the root down, then its own id. */
export const Union = z.object({
  _id: z.string(),
  name: z.string(),
  level: UnionLevel,
  parentId: z.string().nullable(),
  path: z.array(z.string()),
  region: z.string(),
  /** 单位名称 for a grassroots union; empty for federations */
  employer: z.string().default(''),
  /** 新就业形态 (riders, drivers) unions accept workers without a fixed employer */
  acceptsGigWorkers: z.boolean().default(false),
})
export type Union = z.infer<typeof Union>

/** Roles are held per union. */
export const Role = z.enum(['member', 'committee', 'vice_chair', 'chair', 'staff'])
export type Role = z.infer<typeof Role>
export const roleLabel: Record<Role, string> = {
  member: '会员',
  committee: '工会委员',
  vice_chair: '工会副主席',
  chair: '工会主席',
  staff: '工会工作人员',
}

export const RoleGrant = z.object({
  unionId: z.string(),
  role: Role,
  unionPath: z.array(z.string()),
  /**
   * The union's name, on member grants written since it was added (a rename updates it: union.renameUnion):
   * an event sign-up records the member's union by name without reading the union, one round trip fewer.
   */
  unionName: z.string().optional(),
})
export type RoleGrant = z.infer<typeof RoleGrant>

/** Roles that may act on requests (approve, reject, return). */
export const REVIEW_ROLES: readonly Role[] = ['chair', 'vice_chair', 'staff']

/**
 * Does a grant reach a union? A chair or vice-chair acts on their own union only;
 * federation staff reach their whole subtree; members reach only their own union.
 */
export function grantReaches(grant: RoleGrant, target: Pick<Union, '_id' | 'path'>): boolean {
  if (grant.role === 'staff') return target.path.includes(grant.unionId)
  return grant.unionId === target._id
}

/** Whether any of `grants` lets the holder review requests addressed to `target`. */
export function canReview(grants: readonly RoleGrant[], target: Pick<Union, '_id' | 'path'>): boolean {
  return grants.some((g) => REVIEW_ROLES.includes(g.role) && grantReaches(g, target))
}

export function isMemberOf(grants: readonly RoleGrant[], unionId: string): boolean {
  return grants.some((g) => g.role === 'member' && g.unionId === unionId)
}

/**
 * 邀请码: what a chair's invite link or QR code carries. Six letters/digits without the
 * look-alikes 0/O and 1/I/L, so it can also be read out or typed from a poster.
 */
export const InviteCode = z
  .string({ error: '请输入邀请码' })
  .trim()
  .toUpperCase()
  .regex(/^[A-HJKMNP-Z2-9]{6}$/, '邀请码是6位字母或数字，请核对后再试')
export type InviteCode = z.infer<typeof InviteCode>

/** A union as stored in `unions`. Every union has an invite code (the unique index counts a missing one as null). */
export const UnionRecord = Union.extend({ inviteCode: z.string() })
export type UnionRecord = z.infer<typeof UnionRecord>

/** A role as stored in `roles`: current grants only, one per (openid, union, role). */
export const RoleRecord = RoleGrant.extend({
  _id: z.string(),
  openid: z.string(),
  grantedAt: z.date(),
  /** openid of whoever granted it, or 'seed' / 'system' */
  grantedBy: z.string(),
})
export type RoleRecord = z.infer<typeof RoleRecord>
