import type { Handler } from '../../../../server/createFunction'
import { withdrawMyConsent } from '../../../../server/privacy/mine'
import type { accountActions } from '../../../../shared/account/actions'

/** 撤回同意 (PIPL Art. 15): only the person who gave it; processing that needs it stops at once. */
export const withdrawConsent: Handler<typeof accountActions.withdrawConsent> = ({ consentId }, ctx) => withdrawMyConsent(ctx, consentId)
