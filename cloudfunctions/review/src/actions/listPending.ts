import type { Handler } from '../../../../server/createFunction'
import { listPending as pendingFor } from '../../../../server/requests/queries'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 待办: what waits for the caller, oldest first, with counts per kind. */
export const listPending: Handler<typeof reviewActions.listPending> = (input, ctx) => pendingFor(ctx, input)
