import { AppError } from '../../shared/contract'
import { cancelProblem } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventRecord, SignupRecord, TeamRecord } from '../../shared/events/schemas'
import { isPending } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findById } from '../db'
import { loadRequest, withdrawRequest } from '../requests/engine'
import { runInTransaction } from '../requests/tx'
import { EV } from './collections'
import { endSignup, fillFreeSeats, retryRush } from './seats'

const MAX_ATTEMPTS = 20

const endWithRetry = (ctx: Ctx, signupId: string): Promise<void> =>
  retryRush(MAX_ATTEMPTS, () => runInTransaction(ctx.db, (tx) => endSignup(tx, signupId, 'cancelled', ctx)))

/**
 * 取消报名 before the deadline. A sign-up still under review is withdrawn through the request engine
 * (its history says so); either way the seat is freed and the first in the queue gets it.
 */
export async function cancelSignup(ctx: Ctx, event: EventRecord, signup: SignupRecord | null): Promise<void> {
  if (!signup || !ACTIVE_SIGNUP.includes(signup.status)) throw new AppError('CONFLICT', '您没有报名这个活动，或报名已经取消')
  const problem = cancelProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  const request = signup.requestId ? await loadRequest(ctx, signup.requestId) : null
  if (request && (isPending(request.status) || request.status === 'returned')) {
    await withdrawRequest(ctx, { requestId: request._id, expectedVersion: request.version, reason: '报名人取消报名' })
  } else {
    await endWithRetry(ctx, signup._id)
    await fillFreeSeats(ctx, event)
  }
}

/** 移出队伍: the captain takes a teammate off the team (before the deadline). */
export async function removeTeammate(ctx: Ctx, event: EventRecord, captain: SignupRecord | null, signupId: string): Promise<void> {
  if (!captain || captain.teamRole !== 'captain' || !ACTIVE_SIGNUP.includes(captain.status)) throw new AppError('FORBIDDEN', '只有队长可以移出队员')
  const problem = cancelProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  if (signupId === captain._id) throw new AppError('INVALID_INPUT', '队长不能移出自己；要退出请取消报名', { signupId: '不能移出队长' })
  const team = await findById(ctx.db.collection(EV.teams), captain.teamId, TeamRecord)
  if (!team || !team.members.some((m) => m.signupId === signupId)) throw new AppError('NOT_FOUND', '这个人不在您的队伍里')
  await endWithRetry(ctx, signupId)
}
