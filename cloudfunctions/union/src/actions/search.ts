import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { UnionRecord } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'
import { isJoinableDirectly, keywordPatterns } from '../../../../shared/union/search'

/** Unions a worker can join, by name: names that start with the keyword first, then names that contain it. */
export const search: Handler<typeof unionActions.search> = async ({ keyword, limit }, ctx) => {
  const { db } = ctx
  const _ = db.command
  const unions = db.collection('unions')
  const { prefix, contains } = keywordPatterns(keyword)
  // a dissolved union (注销) takes no members; `eq(null)` also matches unions that never had the field
  const joinable = (extra: Record<string, unknown>) =>
    _.or([
      { ...extra, level: 'grassroots', dissolvedAt: _.eq(null) },
      { ...extra, acceptsGigWorkers: true, dissolvedAt: _.eq(null) },
    ])

  const starting = await findMany(
    unions.where(joinable({ name: db.RegExp({ regexp: prefix, options: 'i' }) })).orderBy('name', 'asc'),
    UnionRecord,
    limit,
  )
  const room = limit - starting.length
  const containing = room
    ? await findMany(
        unions
          .where(joinable({ name: db.RegExp({ regexp: contains, options: 'i' }), _id: _.nin(starting.map((u) => u._id)) }))
          .orderBy('name', 'asc'),
        UnionRecord,
        room,
      )
    : []
  return { items: [...starting, ...containing].filter(isJoinableDirectly) }
}
