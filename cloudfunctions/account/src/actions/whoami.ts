import { createHash } from 'crypto'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { ensureUser } from '../../../../server/users'
import type { accountActions } from '../../../../shared/account/actions'
import { UnionRef } from '../../../../shared/union/schemas'
import { roleLabel } from '../../../../shared/domain/union'

/** Who am I: creates the account on the first open, and lists the roles held, with union names. */
export const whoami: Handler<typeof accountActions.whoami> = async (_input, ctx) => {
  const { user, isNew } = await ensureUser(ctx)
  const unionIds = [...new Set(ctx.grants.map((g) => g.unionId))]
  const unions = unionIds.length
    ? await findMany(ctx.db.collection('unions').where({ _id: ctx.db.command.in(unionIds) }), UnionRef, 100)
    : []
  const nameOf = new Map(unions.map((u) => [u._id, u.name]))
  return {
    nickName: user.nickName,
    isNew,
    // one-way and labelled, so it is useful only as the name of this person's drafts on this phone
    ownerKey: createHash('sha256').update(`ght-draft-owner:${ctx.openid}`).digest('base64url').slice(0, 22),
    grants: ctx.grants.map((g) => ({
      unionId: g.unionId,
      unionName: nameOf.get(g.unionId) ?? '已撤销的工会',
      role: g.role,
      roleLabel: roleLabel[g.role],
    })),
  }
}
