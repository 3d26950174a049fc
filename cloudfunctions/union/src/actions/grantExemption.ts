import type { Handler } from '../../../../server/createFunction'
import { grantExemption as grant } from '../../../../server/union/members'
import type { unionActions } from '../../../../shared/union/actions'

/** 会费减免: the chair exempts a member in hardship from dues from a month on. */
export const grantExemption: Handler<typeof unionActions.grantExemption> = async (input, ctx) => grant(ctx, input)
