import type { Handler } from '../../../../server/createFunction'
import { previewInvitation } from '../../../../server/union/invitations'
import type { unionActions } from '../../../../shared/union/actions'

/** What the accept page shows before the tap: the union, the office, and whether the link still works. */
export const getInvitation: Handler<typeof unionActions.getInvitation> = async ({ token }, ctx) => previewInvitation(ctx.db, token, ctx.now)
