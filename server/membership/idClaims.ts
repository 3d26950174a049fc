import { z } from 'zod'
import { IdClaimRecord, MemberProfileRecord } from '../../shared/membership/records'
import { txGet, txRemove, txSet, txUpdate, type Transaction } from '../requests/tx'
import { PROFILES } from './profiles'

/**
 * Who may use an ID number (member_id_claims, keyed by its keyed hash).
 *
 * The first account to save a number holds the claim, but not for good: nobody is told that a number is
 * held (a stranger learns nothing from the answer), and a second account that saves it either
 *  - shows it is the same person: its phone number came from WeChat's getPhoneNumber and equals the
 *    holder's, also WeChat-verified (a new WeChat account on the same phone) → the claim moves to it, or
 *  - cannot show it here → its number is saved but pending, the claim is marked contested, and every
 *    membership application under that number asks the union to check the ID card in person; the union's
 *    approval moves the claim to the person it saw (confirmIdClaim).
 */
export const ID_CLAIMS = 'member_id_claims'

const Claim = IdClaimRecord.omit({ _id: true })
const HolderProfile = MemberProfileRecord.pick({ phone: true, phoneVerified: true })

export interface Claimant {
  openid: string
  phone: string | null
  phoneVerified: boolean
}

async function readClaim(tx: Transaction, hash: string): Promise<z.infer<typeof Claim> | null> {
  const raw = await txGet(tx, ID_CLAIMS, hash)
  return raw === null ? null : Claim.parse(raw)
}

/** Inside the profile's transaction: 'held' when this account's use of the number counts, 'pending' when the union must check. */
export async function claimIdNumber(tx: Transaction, hash: string, who: Claimant, now: Date): Promise<'held' | 'pending'> {
  const claim = await readClaim(tx, hash)
  if (claim === null || claim.openid === who.openid) {
    await txSet(tx, ID_CLAIMS, hash, { openid: who.openid, claimedAt: claim?.claimedAt ?? now, contested: claim?.contested ?? false })
    return 'held'
  }
  const holderRaw = await txGet(tx, PROFILES, claim.openid)
  const holder = holderRaw === null ? null : HolderProfile.parse(holderRaw)
  const samePerson = who.phoneVerified && who.phone !== null && holder !== null && holder.phoneVerified && holder.phone === who.phone
  if (samePerson) {
    await txSet(tx, ID_CLAIMS, hash, { openid: who.openid, claimedAt: now, contested: claim.contested ?? false })
    await txUpdate(tx, PROFILES, claim.openid, { idPending: true, updatedAt: now })
    return 'held'
  }
  if (claim.contested !== true) await txUpdate(tx, ID_CLAIMS, hash, { contested: true })
  return 'pending'
}

/** Frees the number an account no longer uses, when (and only when) that account holds its claim. */
export async function releaseIdClaim(tx: Transaction, hash: string, openid: string): Promise<void> {
  const claim = await readClaim(tx, hash)
  if (claim?.openid === openid) await txRemove(tx, ID_CLAIMS, hash)
}

/** Whether an application under this number needs the union to check the ID card: the account's use is pending, or another account uses it too. */
export async function idNeedsCheck(tx: Transaction, hash: string, profile: Pick<MemberProfileRecord, 'idPending'>): Promise<boolean> {
  if (profile.idPending === true) return true
  return (await readClaim(tx, hash))?.contested === true
}

/**
 * The union approved an application after checking the ID card in person: the claim moves to the
 * applicant and is no longer contested; an earlier holder's use of the number becomes pending.
 */
export async function confirmIdClaim(tx: Transaction, hash: string, openid: string, now: Date): Promise<void> {
  const claim = await readClaim(tx, hash)
  if (claim && claim.openid !== openid) await txUpdate(tx, PROFILES, claim.openid, { idPending: true, updatedAt: now })
  await txSet(tx, ID_CLAIMS, hash, { openid, claimedAt: now, contested: false })
}
