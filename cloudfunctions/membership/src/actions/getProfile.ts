import type { Handler } from '../../../../server/createFunction'
import { profileViewOf } from '../../../../server/membership/profiles'
import type { membershipActions } from '../../../../shared/membership/actions'

/** The caller's profile, identity data masked. */
export const getProfile: Handler<typeof membershipActions.getProfile> = async (_input, ctx) => profileViewOf(ctx)
