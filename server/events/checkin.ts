import { AppError } from '../../shared/contract'
import { checkInProblem, isLate } from '../../shared/events/rules'
import { type EventRecord, SignupRecord, signupStatusLabel } from '../../shared/events/schemas'
import { maskName } from '../../shared/privacy/mask'
import type { Ctx } from '../context'
import { runInTransaction } from '../requests/tx'
import { readSignup } from './places'
import { EV } from './collections'
import { addEventHistory } from './history'
import { attended } from '../stats/tally'

/**
 * 签到 of one confirmed sign-up, once: a second scan answers when it happened (already: true).
 * Late when after the start plus the event's grace minutes. `how`: a scanned pass, or by name at the desk.
 */
export async function checkInSignup(ctx: Ctx, event: EventRecord, signupId: string, how: 'pass' | 'manual' = 'pass') {
  const problem = checkInProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  const result = await runInTransaction(ctx.db, async (tx) => {
    const signup = await readSignup(tx, signupId)
    if (!signup || signup.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这个人的报名')
    if (signup.status !== 'confirmed') throw new AppError('CONFLICT', `${maskName(signup.name)}的报名状态是“${signupStatusLabel[signup.status]}”，不能签到`)
    if (signup.checkedInAt) return { signup, already: true }
    const late = isLate(event, ctx.now)
    await tx.collection(EV.signups).doc(signup._id).update({ data: { checkedInAt: ctx.now, late, noShow: false, updatedAt: ctx.now } })
    // the line names who checked whom in; 'manual': found by name at the desk, no pass shown
    await addEventHistory(tx, event._id, 'checkin', ctx, `${signup._id}${late ? ' late' : ''}${how === 'manual' ? ' manual' : ''}`)
    await attended(ctx, tx, event)
    return { signup: SignupRecord.parse({ ...signup, checkedInAt: ctx.now, late, noShow: false }), already: false }
  })
  const s = result.signup
  return {
    eventId: event._id,
    title: event.title,
    name: maskName(s.name),
    unionName: s.unionName || '（非会员）',
    checkedInAt: s.checkedInAt ?? ctx.now,
    late: s.late,
    already: result.already,
  }
}
