import { AppError } from '../../shared/contract'
import { ACTIVE_SIGNUP, EventRecord, SignupRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { deliverNow } from '../requests/notices'
import { runInTransaction, txUpdate } from '../requests/tx'
import { EV } from './collections'
import { addEventHistory } from './history'
import { tellEnded } from './notices'
import { endSignupOf, readSignup, retryRush, settleEnded } from './places'

/**
 * 候补递补后需确认 (events with `confirmHours`): a person promoted from the queue keeps the place only if
 * they confirm by `confirmBy`; the hourly timer ends the sign-ups not confirmed in time, tells them, and
 * passes each place to the next in the queue (who is told, and has the same time to confirm).
 */

/** 确认参加: the promoted person keeps the place. */
export async function confirmPlace(ctx: Ctx, event: EventRecord, signupId: string): Promise<SignupRecord> {
  return runInTransaction(ctx.db, async (tx) => {
    const signup = await readSignup(tx, signupId)
    if (!signup || !ACTIVE_SIGNUP.includes(signup.status)) throw new AppError('CONFLICT', '您没有报名这个活动，或报名已经取消')
    if (!signup.confirmBy) return signup
    if (ctx.now > signup.confirmBy) throw new AppError('CONFLICT', '确认时间已过，名额已顺延给下一位')
    await txUpdate(tx, EV.signups, signup._id, { confirmBy: null, updatedAt: ctx.now })
    await addEventHistory(tx, event._id, 'confirm', ctx, signup._id)
    return { ...signup, confirmBy: null, updatedAt: ctx.now }
  })
}

/** Per timer run; the next run takes the rest. */
const EXPIRED_PER_RUN = 50

/** Ends the promoted sign-ups whose time to confirm has passed, and moves their places on. */
export async function releaseUnconfirmed(ctx: Ctx): Promise<{ released: number; promoted: number }> {
  const _ = ctx.db.command
  const due = await findMany(ctx.db.collection(EV.signups).where({ confirmBy: _.lte(ctx.now) }).orderBy('confirmBy', 'asc'), SignupRecord, EXPIRED_PER_RUN)
  let released = 0
  let promoted = 0
  const events = new Map<string, EventRecord | null>()
  for (const s of due) {
    if (!events.has(s.eventId)) events.set(s.eventId, await findById(ctx.db.collection(EV.events), s.eventId, EventRecord))
    const event = events.get(s.eventId)
    const outbox = await retryRush(10, () =>
      runInTransaction(ctx.db, async (tx) => {
        const fresh = await readSignup(tx, s._id)
        if (!fresh || !fresh.confirmBy || fresh.confirmBy > ctx.now) return null
        // ended meanwhile (cancelled, the event called off): nothing left to confirm
        if (!event || event.status !== 'published' || !ACTIVE_SIGNUP.includes(fresh.status)) {
          await txUpdate(tx, EV.signups, fresh._id, { confirmBy: null })
          return null
        }
        const ended = await endSignupOf(tx, fresh._id, 'cancelled', { openid: '', now: ctx.now }, { note: '逾期未确认', action: 'expire', changes: { confirmBy: null } })
        return ended ? tellEnded(tx, event, ended.told, { expired: fresh.confirmBy }, ctx.now) : null
      }),
    )
    if (!outbox || !event) continue
    released += 1
    await deliverNow(ctx, outbox)
    promoted += await settleEnded(ctx, event, s._id)
  }
  return { released, promoted }
}
