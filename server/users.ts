import { AppError } from '../shared/contract'
import { DEFAULT_NICKNAME, UserRecord } from '../shared/account/schemas'
import type { Ctx } from './context'
import { findById, insertDoc } from './db'

/**
 * The caller's account, created on first use from the WeChat identity alone (no password, no form).
 * `isNew` is true only for the call that created it, even when two first calls race.
 */
export async function ensureUser(ctx: Ctx): Promise<{ user: UserRecord; isNew: boolean }> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED')
  const users = ctx.db.collection('users')
  const existing = await findById(users, ctx.openid, UserRecord)
  if (existing) return { user: existing, isNew: false }
  const user: UserRecord = { _id: ctx.openid, openid: ctx.openid, nickName: DEFAULT_NICKNAME, createdAt: ctx.now, updatedAt: ctx.now }
  try {
    await insertDoc(users, user)
  } catch (err) {
    // `_id` is the openid, so a concurrent first call makes this insert fail: use the account it created.
    const raced = await findById(users, ctx.openid, UserRecord)
    if (raced) return { user: raced, isNew: false }
    throw err
  }
  return { user, isNew: true }
}
