import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { UnionRecord } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'
import { getUnionOrThrow } from '../unions'

/** A node and one page of its children (the top of the tree when no parent is given), ordered by name. */
export const getTree: Handler<typeof unionActions.getTree> = async ({ parentId, after, limit }, ctx) => {
  const node = parentId ? await getUnionOrThrow(ctx, parentId) : null
  const _ = ctx.db.command
  const siblings = { parentId: parentId ?? null, dissolvedAt: _.eq(null) }
  // Range cursor on the (parentId, name, _id) index instead of skip: pages stay cheap however deep.
  const condition = after
    ? _.or([
        { ...siblings, name: _.gt(after.name) },
        { ...siblings, name: after.name, _id: _.gt(after._id) },
      ])
    : siblings
  const query = ctx.db.collection('unions').where(condition).orderBy('name', 'asc').orderBy('_id', 'asc')
  const rows = await findMany(query, UnionRecord, limit + 1)
  const children = rows.slice(0, limit)
  const last = children[children.length - 1]
  return { node, children, next: rows.length > limit && last ? { name: last.name, _id: last._id } : null }
}
