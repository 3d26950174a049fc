import type { Handler } from '../../../../server/createFunction'
import { profileViewOf } from '../../../../server/membership/profiles'
import { recordConsent, requireConsent } from '../../../../server/privacy/consent'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../../../shared/membership/consentTexts'

const current = { privacy_policy: PRIVACY_POLICY_VERSION, id_number: ID_NUMBER_CONSENT_VERSION } as const

/**
 * Records agreement to the privacy notice, or the separate consent for the ID number (PIPL Art. 29).
 * Only the version on screen now counts: an old page agreeing to an old text is sent back to read again.
 */
export const giveConsent: Handler<typeof membershipActions.giveConsent> = async ({ purpose, version }, ctx) => {
  if (version !== current[purpose]) throw new AppError('CONFLICT', '说明内容已更新，请刷新页面后重新阅读')
  // the separate ID consent presupposes the notice it refers to
  if (purpose === 'id_number') await requireConsent(ctx, 'privacy_policy', { version: PRIVACY_POLICY_VERSION })
  await recordConsent(ctx.db, { openid: ctx.openid, purpose, version, at: ctx.now })
  return profileViewOf(ctx)
}
