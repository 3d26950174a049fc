import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { SignupRecord } from '../../../../shared/events/schemas'
import { AppError } from '../../../../shared/contract'
import { findById } from '../../../../server/db'
import { loadVisibleEvent } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { confirmPlace as confirm } from '../../../../server/events/confirm'
import { signupIdOf } from '../../../../server/events/places'
import { mySignupView } from '../../../../server/events/views'

/** 确认参加: a person promoted from the queue keeps the place (events that ask for it). */
export const confirmPlace: Handler<typeof eventsActions.confirmPlace> = async ({ eventId }, ctx) => {
  const event = await loadVisibleEvent(ctx, eventId)
  const id = signupIdOf(event._id, ctx.openid)
  if (!(await findById(ctx.db.collection(EV.signups), id, SignupRecord))) throw new AppError('CONFLICT', '您没有报名这个活动，或报名已经取消')
  return mySignupView(ctx, event, await confirm(ctx, event, id))
}
