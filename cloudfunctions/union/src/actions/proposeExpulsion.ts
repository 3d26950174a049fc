import type { Handler } from '../../../../server/createFunction'
import { proposeExpulsion as propose } from '../../../../server/union/members'
import type { unionActions } from '../../../../shared/union/actions'

/** 提出除名: the chair's proposal, decided through the request engine by the union's approver for 除名. */
export const proposeExpulsion: Handler<typeof unionActions.proposeExpulsion> = async (input, ctx) => propose(ctx, input)
