import { z } from 'zod'
import { AppError } from '../../../../shared/contract/envelope'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { INBOX, InboxDoc } from '../../../../server/notify/docs'
import type { notifyActions } from '../../../../shared/notify/actions'

/** Cursor = the last item's (createdAt, _id): newest first, ties broken by _id, no skip. */
const Cursor = z.object({ t: z.number().int(), id: z.string().min(1).max(64) })

function encodeCursor(doc: InboxDoc): string {
  return Buffer.from(JSON.stringify({ t: doc.createdAt.getTime(), id: doc._id })).toString('base64url')
}

function decodeCursor(cursor: string): z.infer<typeof Cursor> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw new AppError('INVALID_INPUT', '消息列表已过期，请下拉刷新', { cursor: '翻页位置不正确' })
  }
}

/** The caller's 消息, newest first. Index: [openid, createdAt, _id]. */
export const listInbox: Handler<typeof notifyActions.listInbox> = async ({ cursor, limit }, ctx) => {
  const _ = ctx.db.command
  let where: object = { openid: ctx.openid }
  if (cursor) {
    const after = decodeCursor(cursor)
    const at = new Date(after.t)
    where = _.and([{ openid: ctx.openid }, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(after.id) }])])
  }
  const query = ctx.db.collection(INBOX).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc')
  const docs = await findMany(query, InboxDoc, limit + 1)
  const page = docs.slice(0, limit)
  return {
    items: page.map((d) => ({
      id: d._id,
      title: d.title,
      body: d.body,
      page: d.page,
      createdAt: d.createdAt.toISOString(),
      isRead: d.readAt !== null,
      requestId: d.requestId,
    })),
    nextCursor: docs.length > limit && page.length > 0 ? encodeCursor(page[page.length - 1]) : null,
  }
}
