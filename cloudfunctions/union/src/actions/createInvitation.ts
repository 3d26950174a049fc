import type { Handler } from '../../../../server/createFunction'
import { createInvitation as storeInvitation } from '../../../../server/union/invitations'
import { AppError } from '../../../../shared/contract'
import { roleLabel } from '../../../../shared/domain/union'
import { mayInvite } from '../../../../shared/union/invitations'
import type { unionActions } from '../../../../shared/union/actions'
import { getUnionOrThrow } from '../unions'

const DAY_MS = 24 * 60 * 60 * 1000

/** 任职邀请: federation staff invite a union's chair (or their own colleagues); a chair invites vice-chairs and committee members. */
export const createInvitation: Handler<typeof unionActions.createInvitation> = async ({ unionId, role, expiresInDays }, ctx) => {
  const union = await getUnionOrThrow(ctx, unionId)
  if (!mayInvite(ctx.grants, union, role)) {
    throw new AppError('FORBIDDEN', role === 'staff' && union.level === 'grassroots' ? '基层工会没有联合会干部这一职务' : `您不能邀请${union.name}的${roleLabel[role]}`)
  }
  const expiresAt = new Date(ctx.now.getTime() + expiresInDays * DAY_MS)
  const created = await storeInvitation(ctx.db, { unionId, role, createdBy: ctx.openid, expiresAt, now: ctx.now })
  return { ...created, role }
}
