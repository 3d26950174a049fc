import type { Handler } from '../../../../server/createFunction'
import { loadProfile } from '../../../../server/membership/profiles'
import { membershipView } from '../../../../server/membership/stints'
import type { membershipActions } from '../../../../shared/membership/actions'

/** The caller's membership: current stint, history across unions, and the request in progress. */
export const myMembership: Handler<typeof membershipActions.myMembership> = async (_input, ctx) =>
  membershipView(ctx, await loadProfile(ctx, ctx.openid))
