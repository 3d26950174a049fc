import type { Handler } from '../../../../server/createFunction'
import { endExemption as end } from '../../../../server/union/members'
import type { unionActions } from '../../../../shared/union/actions'

/** 停止免缴: the chair ends a member's exemption from dues. */
export const endExemption: Handler<typeof unionActions.endExemption> = async (input, ctx) => end(ctx, input)
