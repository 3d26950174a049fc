import type { Handler } from '../../../../server/createFunction'
import { claimIdNumber } from '../../../../server/membership/idClaims'
import { phoneFromCode } from '../../../../server/membership/phone'
import { consentsOf, profileView, requireMembershipConsents, updateProfile } from '../../../../server/membership/profiles'
import type { membershipActions } from '../../../../shared/membership/actions'

/** Binds the phone number WeChat verified (getPhoneNumber code → phonenumber.getPhoneNumber). */
export const bindPhone: Handler<typeof membershipActions.bindPhone> = async ({ code }, ctx) => {
  await requireMembershipConsents(ctx, { idNumber: false })
  const phone = await phoneFromCode(ctx, code)
  const saved = await updateProfile(ctx, async (tx, before) => {
    // a verified phone equal to the holder's is the proof that a pending ID number is this person's own
    const idPending = before.idNumber && before.idPending === true ? (await claimIdNumber(tx, before.idNumber.hash, { openid: ctx.openid, phone, phoneVerified: true }, ctx.now)) === 'pending' : before.idPending
    return { ...before, phone, phoneVerified: true, idPending }
  })
  return profileView(saved, await consentsOf(ctx))
}
