import type { Handler } from '../../../../server/createFunction'
import { loadHousehold } from '../../../../server/aid/assess'
import { AID } from '../../../../server/aid/collections'
import { SAME_FAMILY_MESSAGE, familyHouseholdOf, householdIdOf, keyFamilyMembers } from '../../../../server/aid/family'
import { sealHousehold } from '../../../../server/aid/sealed'
import { resolveSubject } from '../../../../server/aid/subject'
import { loadProfile } from '../../../../server/membership/profiles'
import type { aidActions } from '../../../../shared/aid/actions'
import type { HouseholdDoc } from '../../../../shared/aid/records'

/**
 * Saves the household profile (the family's, also for an adult who joined it); saving is also the yearly
 * reconfirmation (每年核对一次). A spouse's ID number listed, or her own listed by another household, tells
 * her the family already has one: she is asked to be invited into it, and told nothing else of it.
 */
export const saveHousehold: Handler<typeof aidActions.saveHousehold> = async ({ profile, proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  const householdId = await householdIdOf(ctx.db, subject.openid)
  const earlier = await loadHousehold(ctx.db, subject.openid)
  const keyed = keyFamilyMembers(profile, earlier)
  const isOwner = householdId === subject.openid
  const ownKey = isOwner ? ((await loadProfile(ctx, subject.openid))?.idNumber?.hash ?? earlier?.ownerKey ?? null) : (earlier?.ownerKey ?? null)
  const doc: HouseholdDoc = {
    _id: householdId,
    ownerOpenid: earlier?.ownerOpenid ?? subject.openid,
    profile: keyed.profile,
    confirmedAt: ctx.now,
    updatedAt: ctx.now,
    enteredBy: subject.openid === ctx.openid ? '' : ctx.openid,
    householdKey: earlier?.householdKey ?? null,
    ownerKey: ownKey,
    memberKeys: keyed.memberKeys,
    memberIds: keyed.memberIds,
  }
  await ctx.db.collection(AID.households).doc(householdId).set({ data: sealHousehold(doc) })
  // someone who joined a household is in the family's already; the owner of one that applied keeps it
  const family = isOwner && doc.householdKey === null ? await familyHouseholdOf(ctx.db, { householdId, ownKey, memberKeys: keyed.memberKeys }) : null
  return { confirmedAt: ctx.now, sameFamily: family ? SAME_FAMILY_MESSAGE : null }
}
