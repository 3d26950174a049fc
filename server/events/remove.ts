import { AppError } from '../../shared/contract'
import { type EventRecord, SignupRecord } from '../../shared/events/schemas'
import { redactSensitive } from '../../shared/privacy/detect'
import type { Ctx } from '../context'
import { findById } from '../db'
import { deliverNow } from '../requests/notices'
import { runInTransaction } from '../requests/tx'
import { EV } from './collections'
import { tellEnded } from './notices'
import { SignupMoved, endSignupOf, readSignup, retryRush, settleEnded } from './places'

const MAX_ATTEMPTS = 20

/**
 * 移出报名人: the organiser ends someone's sign-up with a reason (did not turn up to the briefing, no
 * longer works here …). The end, its history line (who, whom, why) and the message telling the person
 * the reason commit together; then the counter the sign-up held is lowered once and a freed place goes to
 * the first in the queue, who is told as on any promotion. A captain takes the team along; a teammate
 * only leaves it. Returns how many got a place from the queue.
 */
export async function removeParticipant(ctx: Ctx, event: EventRecord, signupId: string, reasonTyped: string): Promise<{ signupId: string; name: string; promoted: number }> {
  if (event.status !== 'published') throw new AppError('CONFLICT', event.status === 'cancelled' ? '活动已取消' : '活动已结束，不能再移出报名人')
  // the reason goes into a message and the history: a number typed into it is not kept in full
  const reason = redactSensitive(reasonTyped, ctx.now)
  const before = await findById(ctx.db.collection(EV.signups), signupId, SignupRecord)
  if (!before || before.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这个人的报名')
  const refused = removalProblem(before)
  if (refused) throw new AppError('CONFLICT', refused)
  const { outbox, name } = await retryRush(MAX_ATTEMPTS, () =>
    runInTransaction(ctx.db, async (tx) => {
      const fresh = await readSignup(tx, signupId)
      if (!fresh) throw new SignupMoved()
      const problem = removalProblem(fresh)
      if (problem) throw new AppError('CONFLICT', problem)
      const ended = await endSignupOf(tx, signupId, 'cancelled', ctx, { note: reason, action: 'remove', changes: { removedReason: reason, confirmBy: null } })
      if (!ended) throw new AppError('CONFLICT', '这个人的报名已经取消了')
      return { outbox: await tellEnded(tx, event, ended.told, { removed: reason }, ctx.now), name: fresh.name }
    }),
  )
  await deliverNow(ctx, outbox)
  const promoted = await settleEnded(ctx, event, signupId)
  return { signupId, name, promoted }
}

function removalProblem(s: SignupRecord): string | null {
  if (s.status === 'cancelled' || s.status === 'rejected') return '这个人的报名已经取消了'
  // a review still open is decided in 待办审批 (驳回 with its reason), not around it
  if (s.status === 'pending') return '待审核的报名请在待办审批中驳回'
  if (s.checkedInAt) return '已签到的人不能移出'
  return null
}
