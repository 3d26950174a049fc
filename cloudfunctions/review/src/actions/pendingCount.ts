import type { Handler } from '../../../../server/createFunction'
import { pendingCount as countFor } from '../../../../server/requests/queries'
import type { reviewActions } from '../../../../shared/requests/actions'

/** The number on the 待办 tile and the tab bar: waiting and overdue, for anyone (0 when they review nothing). */
export const pendingCount: Handler<typeof reviewActions.pendingCount> = (_input, ctx) => countFor(ctx)
