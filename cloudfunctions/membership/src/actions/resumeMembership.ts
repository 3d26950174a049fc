import type { Handler } from '../../../../server/createFunction'
import { changeMyStint } from '../../../../server/membership/changeStatus'
import type { membershipActions } from '../../../../shared/membership/actions'

/** Back from 保留会籍 to a normal membership at the same union. */
export const resumeMembership: Handler<typeof membershipActions.resumeMembership> = async (_input, ctx) => changeMyStint(ctx, 'resume')
