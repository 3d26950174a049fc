import { randomInt } from 'crypto'
import { AppError } from '../../shared/contract'
import { HouseholdInviteDoc, HouseholdMemberDoc, StoredHouseholdDoc } from '../../shared/aid/records'
import type { Ctx, Database } from '../context'
import { findById } from '../db'
import { runInTransaction, txGet, txRemove, txSet } from '../requests/tx'
import { AID } from './collections'

/**
 * 一户: a household is the family, not one worker. An adult joins the household of another (by the
 * code its owner hands over), and from then on every once-per-household rule, the profile, the grants
 * and the file are that household's — spouses applying separately are one household.
 */

const INVITE_DAYS = 7
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** The household a person's aid data lives in: the one they joined, else their own. */
export async function householdIdOf(db: Database, openid: string): Promise<string> {
  const joined = await findById(db.collection(AID.householdMembers), openid, HouseholdMemberDoc)
  return joined?.householdId ?? openid
}

/** A code for a family member to join the caller's (or the 代办 worker's) own household. */
export async function inviteToHousehold(ctx: Ctx, openid: string): Promise<{ code: string; expiresAt: Date }> {
  if ((await householdIdOf(ctx.db, openid)) !== openid) throw new AppError('CONFLICT', '您已经加入了家人的户，请由户里最先填写家庭情况的人邀请')
  if (!(await findById(ctx.db.collection(AID.households), openid, StoredHouseholdDoc))) throw new AppError('INVALID_INPUT', '请先填写家庭情况，再邀请家人加入', { profile: '请先填写家庭情况' })
  const code = Array.from({ length: 6 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('')
  const expiresAt = new Date(ctx.now.getTime() + INVITE_DAYS * 86_400_000)
  await ctx.db.collection(AID.householdInvites).doc(code).set({ data: { householdId: openid, expiresAt } })
  return { code, expiresAt }
}

/**
 * Joins the household of the code, in one transaction: the code is used up, the person's own
 * household profile (if any) gives way. Someone who already applied as a household of their own
 * cannot move: their grants and file are that household's.
 */
export async function joinHousehold(ctx: Ctx, code: string): Promise<void> {
  await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, AID.householdInvites, code)
    const invite = raw === null ? null : HouseholdInviteDoc.parse({ _id: code, ...Object(raw) })
    if (!invite || invite.expiresAt.getTime() < ctx.now.getTime()) throw new AppError('INVALID_INPUT', '邀请码不对或已过期，请家人重新邀请', { code: '邀请码不对或已过期' })
    if (invite.householdId === ctx.openid) throw new AppError('INVALID_INPUT', '这是您自己户的邀请码，请交给要加入的家人', { code: '这是您自己户的邀请码' })
    const own = await txGet(tx, AID.households, ctx.openid)
    if (own !== null) {
      const mine = StoredHouseholdDoc.parse({ _id: ctx.openid, ...Object(own) })
      if (mine.householdKey !== null) throw new AppError('CONFLICT', '您已经以自己的家庭申请过帮扶，不能再加入另一户；如需合并，请联系工会')
      await txRemove(tx, AID.households, ctx.openid)
    }
    await txSet(tx, AID.householdMembers, ctx.openid, { householdId: invite.householdId, joinedAt: ctx.now })
    await txRemove(tx, AID.householdInvites, code)
  })
}
