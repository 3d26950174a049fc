import type { Handler } from '../../../../server/createFunction'
import { changeMyStint } from '../../../../server/membership/changeStatus'
import type { membershipActions } from '../../../../shared/membership/actions'

/** 退会: members may withdraw freely (章程); the stint closes, the member role goes, the history stays. */
export const leaveUnion: Handler<typeof membershipActions.leaveUnion> = async (_input, ctx) => changeMyStint(ctx, 'leave')
