import type { Handler } from '../../../../server/createFunction'
import { dissolveUnion as dissolve } from '../../../../server/union/dissolve'
import { loadFullUnion } from '../../../../server/union/office'
import { AppError } from '../../../../shared/contract'
import { mayDissolve } from '../../../../shared/union/officers'
import type { unionActions } from '../../../../shared/union/actions'

/** 注销 (by the federation above): members' 会籍 kept or moved up, in pages; call again while members remain. */
export const dissolveUnion: Handler<typeof unionActions.dissolveUnion> = async ({ unionId, members, reason }, ctx) => {
  const union = await loadFullUnion(ctx.db, unionId)
  if (!mayDissolve(ctx.grants, union)) throw new AppError('FORBIDDEN', `只有上级工会可以注销${union.name}`)
  return dissolve(ctx, union, members, reason)
}
