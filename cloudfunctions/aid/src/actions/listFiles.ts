import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { toFileItem } from '../../../../server/aid/files'
import { cursorOf, parseCursor } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { FileDoc } from '../../../../shared/aid/records'

const PAGE = 30

/** 困难职工档案: the files a chair keeps (their union) or staff supervise (their subtree), by review date. */
export const listFiles: Handler<typeof aidActions.listFiles> = async ({ status, dueOnly, cursor }, ctx) => {
  const chairOf = ctx.grants.filter((g) => g.role === 'chair' || g.role === 'vice_chair').map((g) => g.unionId)
  const staffOf = ctx.grants.filter((g) => g.role === 'staff').map((g) => g.unionId)
  if (chairOf.length === 0 && staffOf.length === 0) return { items: [], nextCursor: null }
  const _ = ctx.db.command
  const scope = _.or([...(chairOf.length ? [{ unionId: _.in(chairOf) }] : []), ...(staffOf.length ? [{ unionPath: _.in(staffOf) }] : [])])
  const after = cursor ? parseCursor(cursor).at : null
  const due = dueOnly ? [{ reviewDueAt: _.lte(ctx.now) }] : []
  const range = after ? [{ reviewDueAt: _.gt(after) }] : []
  const files = await findMany(ctx.db.collection(AID.files).where(_.and([{ status }, scope, ...due, ...range])).orderBy('reviewDueAt', 'asc'), FileDoc, PAGE)
  const last = files[files.length - 1]
  return { items: files.map((f) => toFileItem(f, ctx.now)), nextCursor: files.length === PAGE && last ? cursorOf(last.reviewDueAt, last._id) : null }
}
