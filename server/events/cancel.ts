import { AppError } from '../../shared/contract'
import { cancelProblem } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventRecord, type SignupRecord, TeamRecord } from '../../shared/events/schemas'
import { isPending } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findById } from '../db'
import { loadRequest, withdrawRequest } from '../requests/engine'
import { runInTransaction } from '../requests/tx'
import { EV } from './collections'
import { addEventHistory } from './history'
import { endSignup, leaveQueue, releasePlace, retryRush, settleEnded, updateIf } from './places'

const MAX_ATTEMPTS = 20

/** Ends a sign-up in a transaction (team and all), then lowers the counter it held. */
export async function endAndSettle(ctx: Ctx, event: EventRecord, signupId: string, note = ''): Promise<SignupRecord | null> {
  const ended = await retryRush(MAX_ATTEMPTS, () => runInTransaction(ctx.db, (tx) => endSignup(tx, signupId, 'cancelled', ctx, note)))
  await settleEnded(ctx, event, signupId)
  return ended
}

/**
 * 取消报名 before the deadline. A sign-up on its own (no team, no review) is ended by one conditional
 * update that also says it no longer holds anything, so the counter is lowered exactly once after it;
 * a team's or one under review goes through a transaction (and the request engine). Either way a freed
 * place goes to the first in the queue. Returns the sign-up as it now is.
 */
export async function cancelSignup(ctx: Ctx, event: EventRecord, signup: SignupRecord | null): Promise<SignupRecord> {
  const problem = cancelProblem(event, ctx.now)
  if (problem && event.status !== 'published') throw new AppError('CONFLICT', problem)
  if (!signup || !ACTIVE_SIGNUP.includes(signup.status)) throw new AppError('CONFLICT', '您没有报名这个活动，或报名已经取消')
  if (problem) throw new AppError('CONFLICT', problem)
  const request = signup.requestId ? await loadRequest(ctx, signup.requestId) : null
  if (request && (isPending(request.status) || request.status === 'returned')) {
    await withdrawRequest(ctx, { requestId: request._id, expectedVersion: request.version, reason: '报名人取消报名' })
    return { ...signup, status: 'cancelled', holds: 'none', cancelledAt: ctx.now }
  }
  if (signup.teamRole === 'none' && signup.holds !== 'none') {
    const ended = { status: 'cancelled' as const, holds: 'none' as const, cancelledAt: ctx.now, updatedAt: ctx.now }
    if (await updateIf(ctx, EV.signups, { _id: signup._id, status: signup.status, holds: signup.holds }, ended)) {
      await addEventHistory(ctx.db, event._id, 'withdraw', ctx, signup._id)
      if (signup.holds === 'place') await releasePlace(ctx, event)
      else await leaveQueue(ctx, event._id)
      return { ...signup, ...ended }
    }
    // it moved meanwhile (promoted, checked in …): end it as it is now
  }
  const ended = await endAndSettle(ctx, event, signup._id)
  if (!ended) throw new AppError('CONFLICT', '您没有报名这个活动，或报名已经取消')
  return { ...ended, holds: 'none' }
}

/** 移出队伍: the captain takes a teammate off the team (before the deadline). */
export async function removeTeammate(ctx: Ctx, event: EventRecord, captain: SignupRecord | null, signupId: string): Promise<void> {
  if (!captain || captain.teamRole !== 'captain' || !ACTIVE_SIGNUP.includes(captain.status)) throw new AppError('FORBIDDEN', '只有队长可以移出队员')
  const problem = cancelProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  if (signupId === captain._id) throw new AppError('INVALID_INPUT', '队长不能移出自己；要退出请取消报名', { signupId: '不能移出队长' })
  const team = await findById(ctx.db.collection(EV.teams), captain.teamId, TeamRecord)
  if (!team || !team.members.some((m) => m.signupId === signupId)) throw new AppError('NOT_FOUND', '这个人不在您的队伍里')
  await endAndSettle(ctx, event, signupId)
}
