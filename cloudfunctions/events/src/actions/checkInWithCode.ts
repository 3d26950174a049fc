import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { CODE_PREFIX } from '../../../../shared/events/tokens'
import { loadVisibleEvent } from '../../../../server/events/access'
import { checkInSignup } from '../../../../server/events/checkin'
import { signupIdOf } from '../../../../server/events/places'
import { readToken } from '../../../../server/events/tokens'

/** 扫码签到: the worker scans the organiser's rotating code; it checks in the caller's own sign-up only. */
export const checkInWithCode: Handler<typeof eventsActions.checkInWithCode> = async ({ token }, ctx) => {
  const code = readToken(token, CODE_PREFIX, ctx.now)
  const event = await loadVisibleEvent(ctx, code.subject)
  return checkInSignup(ctx, event, signupIdOf(event._id, ctx.openid))
}
