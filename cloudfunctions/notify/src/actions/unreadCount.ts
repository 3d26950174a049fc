import type { Handler } from '../../../../server/createFunction'
import { countDocs } from '../../../../server/db'
import { INBOX } from '../../../../server/notify/docs'
import type { notifyActions } from '../../../../shared/notify/actions'

/** Unread 消息 of the caller (the red dot). Index: [openid, readAt]. */
export const unreadCount: Handler<typeof notifyActions.unreadCount> = async (_input, ctx) => ({
  count: await countDocs(ctx.db.collection(INBOX).where({ openid: ctx.openid, readAt: null })),
})
