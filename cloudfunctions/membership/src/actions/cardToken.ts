import type { Handler } from '../../../../server/createFunction'
import { issueCardToken } from '../../../../server/membership/cardToken'
import { loadProfile } from '../../../../server/membership/profiles'
import { currentStint } from '../../../../server/membership/stints'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { stintStatusLabel } from '../../../../shared/membership/status'

/** 电子会员卡: the member's card data and a fresh signed QR token (valid 5 minutes). */
export const cardToken: Handler<typeof membershipActions.cardToken> = async (_input, ctx) => {
  const profile = await loadProfile(ctx, ctx.openid)
  const stint = await currentStint(ctx, profile)
  if (!profile || !stint) throw new AppError('NOT_FOUND', '您还不是工会会员，入会申请通过后就有电子会员卡')
  const { token, expiresAt } = issueCardToken(stint._id, ctx.now)
  return {
    token,
    expiresAt,
    memberNo: stint.memberNo,
    name: profile.name,
    unionName: stint.unionName,
    since: stint.joinedAt,
    status: stint.status,
    statusLabel: stintStatusLabel[stint.status],
  }
}
