import { z } from 'zod'
import type { Handler } from '../../../../server/createFunction'
import { INBOX } from '../../../../server/notify/docs'
import type { notifyActions } from '../../../../shared/notify/actions'

const Updated = z.object({ stats: z.object({ updated: z.number() }) })

/** Marks the caller's own messages read; ids of someone else's messages match nothing. */
export const markRead: Handler<typeof notifyActions.markRead> = async ({ ids, all }, ctx) => {
  const _ = ctx.db.command
  const mine = all ? { openid: ctx.openid, readAt: null } : { openid: ctx.openid, readAt: null, _id: _.in(ids) }
  const res = await ctx.db.collection(INBOX).where(mine).update({ data: { readAt: ctx.now } })
  return { updated: Updated.parse(res).stats.updated }
}
