import { randomInt } from 'crypto'
import { AppError } from '../../shared/contract'
import { MASKED_ID, type HouseholdProfile } from '../../shared/aid/household'
import { HouseholdInviteDoc, HouseholdMemberDoc, StoredHouseholdDoc, type HouseholdDoc } from '../../shared/aid/records'
import { normalizeIdNumber } from '../../shared/privacy/idNumber'
import { maskIdNumber } from '../../shared/privacy/mask'
import type { Ctx, Database } from '../context'
import { findById, findMany } from '../db'
import { keyedHash } from '../privacy/crypto'
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

/** What the second adult of a family is told, and nothing more: no name, no amount, not whether it applied. */
export const SAME_FAMILY_MESSAGE = '已有家庭成员建立了家庭档案，请让其邀请您加入'

/**
 * The ID numbers of the adults a profile lists, as kept: a full number becomes its keyed hash and its
 * masked form; a masked one sent back unchanged keeps the hash stored with it. The profile keeps only
 * the masked form (it is sealed anyway; the full number is never stored or sent back).
 */
export function keyFamilyMembers(
  profile: HouseholdProfile,
  earlier: Pick<HouseholdDoc, 'memberIds'> | null,
): { profile: HouseholdProfile; memberKeys: string[]; memberIds: HouseholdDoc['memberIds'] } {
  const memberIds: HouseholdDoc['memberIds'] = []
  const members = profile.members.map((m, i) => {
    if (!m.idNumber) return { ...m, idNumber: undefined }
    if (MASKED_ID.test(m.idNumber)) {
      const kept = earlier?.memberIds.find((e) => e.masked === m.idNumber)
      if (!kept) throw new AppError('INVALID_INPUT', '请填写完整的身份证号', { [`profile.members.${i}.idNumber`]: '请填写完整的身份证号' })
      memberIds.push(kept)
      return m
    }
    const id = normalizeIdNumber(m.idNumber)
    const masked = maskIdNumber(id)
    memberIds.push({ key: keyedHash(id), masked })
    return { ...m, idNumber: masked }
  })
  return { profile: { ...profile, members }, memberKeys: [...new Set(memberIds.map((e) => e.key))], memberIds }
}

/**
 * The household another adult of this family filed: one that lists her own ID number, or whose owner
 * (or first applicant) is an adult her profile lists. Spouses who each filed are then one family;
 * whoever's household applied first is the family's, and the other is asked to join it.
 */
export async function familyHouseholdOf(
  db: Database,
  own: { householdId: string; ownKey: string | null; memberKeys: readonly string[] },
): Promise<StoredHouseholdDoc | null> {
  const _ = db.command
  const found: StoredHouseholdDoc[] = []
  if (own.ownKey) found.push(...(await findMany(db.collection(AID.households).where({ memberKeys: own.ownKey }), StoredHouseholdDoc, 10)))
  if (own.memberKeys.length) {
    const keys = [...own.memberKeys]
    found.push(...(await findMany(db.collection(AID.households).where({ householdKey: _.in(keys) }), StoredHouseholdDoc, 10)))
    found.push(...(await findMany(db.collection(AID.households).where({ ownerKey: _.in(keys) }), StoredHouseholdDoc, 10)))
  }
  const others = found.filter((h) => h._id !== own.householdId)
  // the one that applied decides; else any that is there already
  return others.find((h) => h.householdKey !== null) ?? others[0] ?? null
}
