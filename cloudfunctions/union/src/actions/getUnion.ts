import type { Handler } from '../../../../server/createFunction'
import { canReview } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'
import { ancestorsOf, getUnionOrThrow } from '../unions'

/** One union with its breadcrumb; its chair and the federation staff above it also get the invite code to share. */
export const getUnion: Handler<typeof unionActions.getUnion> = async ({ unionId }, ctx) => {
  const union = await getUnionOrThrow(ctx, unionId)
  const ancestors = await ancestorsOf(ctx, union)
  return canReview(ctx.grants, union) ? { union, ancestors, inviteCode: union.inviteCode } : { union, ancestors }
}
