import { z } from 'zod'
import type { Database } from '../context'
import { findMany } from '../db'
import { roleIdFor } from '../privacy/opaqueIds'
import { runInTransaction, txGet, txRemove, txSet, txUpdate } from '../requests/tx'

/**
 * One-off: role documents made before role ids were opaque are named `r-<openid>-<union>-<role>`, an id
 * that hands phones the holder's openid (review.listApprovers, aid.proxyCandidates, officer lists). Each
 * becomes `roleIdFor(openid, union, role)`, in one transaction with every membership stint that points
 * at it. An opaque id is `r-` and hex only, so the old ones are found as those with a second dash; a
 * document already renamed is not found again, so running it twice changes nothing twice.
 */

const ROLES = 'roles'
const MEMBERSHIPS = 'memberships'

const StoredRole = z.looseObject({ _id: z.string(), openid: z.string(), unionId: z.string(), role: z.string() })
const Stint = z.object({ _id: z.string() })

export async function migrateRoleIds(db: Database, limit: number): Promise<{ migrated: number; done: boolean }> {
  const old = await findMany(db.collection(ROLES).where({ _id: db.RegExp({ regexp: '^r-.*-' }) }), StoredRole, limit)
  let migrated = 0
  for (const role of old) {
    const next = roleIdFor(role.openid, role.unionId, role.role)
    if (next === role._id) continue
    const stints = await findMany(db.collection(MEMBERSHIPS).where({ openid: role.openid, roleId: role._id }), Stint, 100)
    await runInTransaction(db, async (tx) => {
      const raw = await txGet(tx, ROLES, role._id)
      if (raw === null) return
      const { _id, ...data } = StoredRole.parse({ ...Object(raw), _id: role._id })
      // the old document goes first: one grant per (openid, union, role) is a unique index
      await txRemove(tx, ROLES, _id)
      // the same grant made again under its new id (a replayed approval) wins: it is the newer one
      if ((await txGet(tx, ROLES, next)) === null) await txSet(tx, ROLES, next, data)
      for (const s of stints) await txUpdate(tx, MEMBERSHIPS, s._id, { roleId: next })
    })
    migrated += 1
  }
  return { migrated, done: old.length < limit }
}
