import { AppError } from '../../../../shared/contract'
import { SignupRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById } from '../../../../server/db'
import { loadVisibleEvent } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { signupIdOf } from '../../../../server/events/places'
import { issuePass } from '../../../../server/events/tokens'

/** 活动入场码: a signed, five-minute QR of the caller's confirmed sign-up, for the organiser to scan. */
export const eventPass: Handler<typeof eventsActions.eventPass> = async ({ eventId }, ctx) => {
  const event = await loadVisibleEvent(ctx, eventId)
  const signup = await findById(ctx.db.collection(EV.signups), signupIdOf(event._id, ctx.openid), SignupRecord)
  if (!signup || signup.status !== 'confirmed') throw new AppError('CONFLICT', '报名成功后才有入场码')
  if (event.status === 'cancelled') throw new AppError('CONFLICT', '活动已取消')
  const { token, expiresAt } = issuePass(signup._id, ctx.now)
  return { token, expiresAt, title: event.title, name: signup.name, startAt: event.startAt, place: event.place }
}
