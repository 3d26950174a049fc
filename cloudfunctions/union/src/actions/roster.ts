import type { Handler } from '../../../../server/createFunction'
import { rosterPage } from '../../../../server/union/roster'
import type { unionActions } from '../../../../shared/union/actions'

/** 会员名册 of a union (its officers) or a subtree (federation staff), filtered and paged by a range cursor. */
export const roster: Handler<typeof unionActions.roster> = async (input, ctx) => rosterPage(ctx, input)
