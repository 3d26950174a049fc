import { AppError } from '../../../../shared/contract'
import { SignupRecord } from '../../../../shared/events/schemas'
import { PASS_PREFIX } from '../../../../shared/events/tokens'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById } from '../../../../server/db'
import { accessTo, loadEvent } from '../../../../server/events/access'
import { checkInSignup } from '../../../../server/events/checkin'
import { EV } from '../../../../server/events/collections'
import { readToken } from '../../../../server/events/tokens'

/** 核验入场码: the organiser (or, for a subtree event, the chair of the person's unit) scans a worker's pass. */
export const checkIn: Handler<typeof eventsActions.checkIn> = async ({ token }, ctx) => {
  const pass = readToken(token, PASS_PREFIX, ctx.now)
  const signup = await findById(ctx.db.collection(EV.signups), pass.subject, SignupRecord)
  if (!signup) throw new AppError('NOT_FOUND', '没有找到这个人的报名')
  const event = await loadEvent(ctx, signup.eventId)
  const access = accessTo(ctx.grants, event)
  const allowed = access.role === 'organiser' || (access.role === 'unit' && access.unionIds.includes(signup.unionId))
  if (!allowed) throw new AppError('FORBIDDEN', '只有活动的组织工会可以核验入场码')
  return checkInSignup(ctx, event, signup._id)
}
