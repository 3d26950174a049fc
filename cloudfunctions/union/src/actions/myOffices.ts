import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { UnionRecord, roleLabel } from '../../../../shared/domain/union'
import type { unionActions } from '../../../../shared/union/actions'

/** The unions where the caller holds an office (not plain membership), for the 工会管理 entry. */
export const myOffices: Handler<typeof unionActions.myOffices> = async (_input, ctx) => {
  const held = ctx.grants.filter((g) => g.role !== 'member')
  const ids = [...new Set(held.map((g) => g.unionId))]
  const _ = ctx.db.command
  const unions = ids.length ? await findMany(ctx.db.collection('unions').where({ _id: _.in(ids) }), UnionRecord, ids.length) : []
  const byId = new Map(unions.map((u) => [u._id, u]))
  return {
    offices: held.flatMap((g) => {
      const u = byId.get(g.unionId)
      return u ? [{ unionId: u._id, unionName: u.name, level: u.level, role: g.role, roleLabel: roleLabel[g.role] }] : []
    }),
  }
}
