import type { Handler } from '../../../../server/createFunction'
import { listMyConsents } from '../../../../server/privacy/mine'
import type { accountActions } from '../../../../shared/account/actions'

/** 隐私与授权: every consent the caller gave (what, when, what for) and whether it is still in force. */
export const myConsents: Handler<typeof accountActions.myConsents> = async (_input, ctx) => ({ items: await listMyConsents(ctx) })
