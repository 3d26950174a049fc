import type { Handler } from '../../../../server/createFunction'
import { loadHousehold } from '../../../../server/aid/assess'
import { AID } from '../../../../server/aid/collections'
import { householdIdOf } from '../../../../server/aid/family'
import { sealHousehold } from '../../../../server/aid/sealed'
import { resolveSubject } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'
import type { HouseholdDoc } from '../../../../shared/aid/records'

/** Saves the household profile (the family's, also for an adult who joined it); saving is also the yearly reconfirmation (每年核对一次). */
export const saveHousehold: Handler<typeof aidActions.saveHousehold> = async ({ profile, proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  const householdId = await householdIdOf(ctx.db, subject.openid)
  const earlier = await loadHousehold(ctx.db, subject.openid)
  const doc: HouseholdDoc = {
    _id: householdId,
    ownerOpenid: earlier?.ownerOpenid ?? subject.openid,
    profile,
    confirmedAt: ctx.now,
    updatedAt: ctx.now,
    enteredBy: subject.openid === ctx.openid ? '' : ctx.openid,
    householdKey: earlier?.householdKey ?? null,
  }
  await ctx.db.collection(AID.households).doc(householdId).set({ data: sealHousehold(doc) })
  return { confirmedAt: ctx.now }
}
