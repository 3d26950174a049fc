import type { Handler } from '../../../../server/createFunction'
import { hasValidSignature } from '../../../../server/membership/cardToken'
import { loadProfile } from '../../../../server/membership/profiles'
import { loadStint } from '../../../../server/membership/stints'
import { AppError } from '../../../../shared/contract'
import { REVIEW_ROLES, canReview } from '../../../../shared/domain/union'
import type { membershipActions } from '../../../../shared/membership/actions'
import { cardExpired, maskMemberNo, parseCardToken } from '../../../../shared/membership/cardToken'
import { isCurrentStint, stintStatusLabel } from '../../../../shared/membership/status'
import { maskName } from '../../../../shared/privacy/mask'

/**
 * A chair, vice-chair or federation cadre checks a scanned member card. The answer shows only
 * masked data; a forged, altered or expired QR is reported as invalid, never trusted.
 */
export const verifyCard: Handler<typeof membershipActions.verifyCard> = async ({ token }, ctx) => {
  if (!ctx.grants.some((g) => REVIEW_ROLES.includes(g.role))) throw new AppError('FORBIDDEN', '只有工会主席、副主席和工会干部可以验证会员卡')
  const parsed = parseCardToken(token)
  if (!parsed) return { valid: false, reason: '这不是工会会员卡的二维码' }
  if (!hasValidSignature(parsed)) return { valid: false, reason: '二维码无效，可能被改动或伪造' }
  if (cardExpired(parsed, ctx.now)) return { valid: false, reason: '二维码已过期，请会员刷新会员卡后重新出示' }
  const stint = await loadStint(ctx, parsed.membershipId)
  if (!stint || !isCurrentStint(stint.status)) return { valid: false, reason: '这张会员卡已失效（会籍已转出或已退会）' }
  const profile = await loadProfile(ctx, stint.openid)
  return {
    valid: true,
    nameMasked: maskName(profile?.name ?? ''),
    memberNoMasked: maskMemberNo(stint.memberNo),
    unionName: stint.unionName,
    status: stint.status,
    statusLabel: stintStatusLabel[stint.status],
    since: stint.joinedAt,
    inYourUnion: canReview(ctx.grants, { _id: stint.unionId, path: stint.unionPath }),
  }
}
