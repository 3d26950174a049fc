import { z } from 'zod'
import { Role, type RoleGrant, type UnionRecord } from '../domain/union'
import { UnionId } from './schemas'

/**
 * 任职邀请: a one-time, expiring link that makes whoever accepts it the holder of one role at one
 * union (a new union's first chair, a federation's cadre). The token travels only in the link;
 * the server keeps its hash, so the database alone cannot be used to accept an invitation.
 */

/** Offices an invitation can hand out. Members join through the request engine (入会申请), not by invitation. */
export const InvitableRole = Role.exclude(['member'])
export type InvitableRole = z.infer<typeof InvitableRole>

/** What the link carries: 32 URL-safe characters (24 random bytes). */
export const InvitationToken = z
  .string({ error: '邀请链接不完整，请让对方重新发送' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, '邀请链接不完整，请让对方重新发送')

/** The page that accepts an invitation; the token is its `t` parameter. */
export const ACCEPT_PAGE = 'packages/admin/accept/index'
export const invitationPath = (token: string): string => `${ACCEPT_PAGE}?t=${encodeURIComponent(token)}`

export const INVITATION_DAYS_DEFAULT = 7
export const INVITATION_DAYS_MAX = 30

/** `union_invitations` as stored: _id is the SHA-256 of the token (hex). */
export const InvitationRecord = z.object({
  _id: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  unionName: z.string(),
  role: InvitableRole,
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  /** openid of whoever accepted it: server-only, never answered */
  usedBy: z.string().nullable(),
})
export type InvitationRecord = z.infer<typeof InvitationRecord>

export const CreateInvitationInput = z.object({
  unionId: UnionId,
  role: InvitableRole,
  expiresInDays: z
    .number({ error: '请选择有效期' })
    .int('有效期是整数天')
    .min(1, '有效期至少1天')
    .max(INVITATION_DAYS_MAX, `有效期最长${INVITATION_DAYS_MAX}天`)
    .default(INVITATION_DAYS_DEFAULT),
})
export const CreatedInvitation = z.object({
  token: InvitationToken,
  /** mini-program page with the token, for the share card and the QR code */
  path: z.string(),
  unionName: z.string(),
  role: InvitableRole,
  expiresAt: z.coerce.date(),
})
export type CreatedInvitation = z.infer<typeof CreatedInvitation>

export const TokenInput = z.object({ token: InvitationToken })

export const InvitationState = z.enum(['open', 'used', 'expired'])
export type InvitationState = z.infer<typeof InvitationState>

/** What the accept page shows before the tap: which office, at which union, until when. */
export const InvitationPreview = z.object({
  unionId: z.string(),
  unionName: z.string(),
  role: InvitableRole,
  roleLabel: z.string(),
  expiresAt: z.coerce.date(),
  state: InvitationState,
})
export type InvitationPreview = z.infer<typeof InvitationPreview>

export const AcceptedInvitation = z.object({
  unionId: z.string(),
  unionName: z.string(),
  role: InvitableRole,
  roleLabel: z.string(),
})

export const invitationRefusal = {
  unknown: '这个邀请链接无效，请让邀请人重新发送',
  used: '这个邀请已经被使用过了，每个邀请只能使用一次；如需任职请让邀请人重新邀请您',
  expired: '这个邀请已经过期，请让邀请人重新发送',
} as const

/** The state of an invitation at `now`: used wins over expired, so a forwarded link says it was used. */
export function invitationState(inv: Pick<InvitationRecord, 'usedAt' | 'expiresAt'>, now: Date): InvitationState {
  if (inv.usedAt) return 'used'
  return inv.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open'
}

/**
 * Who may hand out an office at `target`: federation staff whose subtree holds it (any office;
 * staff only at a federation); the union's own chair (vice-chairs and committee members).
 */
export function mayInvite(grants: readonly RoleGrant[], target: Pick<UnionRecord, '_id' | 'path' | 'level'>, role: InvitableRole): boolean {
  if (role === 'staff' && target.level === 'grassroots') return false
  if (grants.some((g) => g.role === 'staff' && target.path.includes(g.unionId))) return true
  const chairs = grants.some((g) => g.role === 'chair' && g.unionId === target._id)
  return chairs && (role === 'vice_chair' || role === 'committee')
}
