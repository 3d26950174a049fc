import type { Handler } from '../../../../server/createFunction'
import { findOne } from '../../../../server/db'
import { AppError } from '../../../../shared/contract'
import { UnionRecord } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'
import { ancestorsOf } from '../unions'

/** Opens the union behind a chair's invite link or QR code. */
export const byInviteCode: Handler<typeof unionActions.byInviteCode> = async ({ code }, ctx) => {
  const union = await findOne(ctx.db.collection('unions').where({ inviteCode: code, dissolvedAt: ctx.db.command.eq(null) }), UnionRecord)
  if (!union) throw new AppError('NOT_FOUND', '这个邀请码没有对应的工会，请向工会主席核对', { code: '邀请码无效' })
  return { union, ancestors: await ancestorsOf(ctx, union) }
}
