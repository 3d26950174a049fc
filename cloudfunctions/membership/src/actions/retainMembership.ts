import type { Handler } from '../../../../server/createFunction'
import { changeMyStint } from '../../../../server/membership/changeStatus'
import type { membershipActions } from '../../../../shared/membership/actions'

/** 保留会籍: retired, unemployed, in internal retirement, or the employer closed; no dues meanwhile. */
export const retainMembership: Handler<typeof membershipActions.retainMembership> = async ({ reason }, ctx) => changeMyStint(ctx, 'retain', reason)
