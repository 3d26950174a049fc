import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { recordConsent as record } from '../../../../server/privacy'
import type { aidActions } from '../../../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../../../shared/aid/consent'

/**
 * 单独同意, one purpose per tap (PIPL Art. 29, 31): the sensitive data of an aid application, and a
 * guardian's consent for a child under 14. Only the person themselves can give it, in their own WeChat.
 */
export const recordConsent: Handler<typeof aidActions.recordConsent> = async ({ purpose, version }, ctx) => {
  if (version !== AID_CONSENT_VERSION) throw new AppError('CONFLICT', '说明内容已经更新，请重新阅读后再同意')
  await record(ctx.db, { openid: ctx.openid, purpose, version, at: ctx.now })
  return { purpose, grantedAt: ctx.now }
}
