import { withoutId } from '../../../../server/db'
import type { Handler } from '../../../../server/createFunction'
import { loadHousehold } from '../../../../server/aid/assess'
import { AID } from '../../../../server/aid/collections'
import { resolveSubject } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'
import type { HouseholdDoc } from '../../../../shared/aid/records'

/** Saves the household profile; saving is also the yearly reconfirmation (每年核对一次). */
export const saveHousehold: Handler<typeof aidActions.saveHousehold> = async ({ profile, proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  const earlier = await loadHousehold(ctx.db, subject.openid)
  const doc: HouseholdDoc = {
    _id: subject.openid,
    ownerOpenid: subject.openid,
    profile,
    confirmedAt: ctx.now,
    updatedAt: ctx.now,
    enteredBy: subject.openid === ctx.openid ? '' : ctx.openid,
    householdKey: earlier?.householdKey ?? null,
  }
  await ctx.db.collection(AID.households).doc(subject.openid).set({ data: withoutId(doc) })
  return { confirmedAt: ctx.now }
}
