import type { Handler } from '../../../../server/createFunction'
import { phoneFromCode } from '../../../../server/membership/phone'
import { consentsOf, profileView, requireMembershipConsents, updateProfile } from '../../../../server/membership/profiles'
import type { membershipActions } from '../../../../shared/membership/actions'

/** Binds the phone number WeChat verified (getPhoneNumber code → phonenumber.getPhoneNumber). */
export const bindPhone: Handler<typeof membershipActions.bindPhone> = async ({ code }, ctx) => {
  await requireMembershipConsents(ctx, { idNumber: false })
  const phone = await phoneFromCode(ctx, code)
  const saved = await updateProfile(ctx, async (_tx, before) => ({ ...before, phone, phoneVerified: true }))
  return profileView(saved, await consentsOf(ctx))
}
