import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { type EventRecord, SignupRecord, type SignupStatus, TeamRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { countDocs, findMany } from '../db'
import { keyedHash } from '../privacy'
import { deliverNow } from '../requests/notices'
import { WriteConflict, backoff, retryConflicts, runInTransaction, txGet, txUpdate, type Transaction } from '../requests/tx'
import { EV } from './collections'
import { beyond } from './cursor'
import { addEventHistory } from './history'
import { tellPromoted } from './notices'

/**
 * 名额 and 候补, on two counters of the event document (`taken`, `waiting`) that only conditional
 * updates change — each one atomic on that one document, so a rush costs one round trip per sign-up
 * instead of a transaction over seat documents. What keeps it right:
 * - a counter is raised BEFORE the sign-up that uses it is written, and lowered only AFTER the sign-up
 *   let go (by a conditional update on the sign-up, so exactly once). So the places really held are never
 *   more than `taken`, and `taken` never passes `capacity` (the update that raises it says `taken < capacity`
 *   at the capacity the caller read, and that the capacity is still that one);
 * - `waiting` is likewise never less than the people really waiting, and a newcomer gets a place only with
 *   `waiting = 0`: while anyone waits, a freed place goes to the queue (first in, by queuedAt then _id),
 *   never to a newcomer.
 * A crash between the two steps can only leave a counter too high (a place unused, never a place too many).
 */

/** One person, one sign-up per event: the id says whose it is without carrying the openid. */
export const signupIdOf = (eventId: string, openid: string): string => `${eventId}.${keyedHash(`event-signup:${openid}`).slice(0, 20)}`
export const eventIdOfSignup = (signupId: string): string => signupId.split('.')[0] ?? ''

const Updated = z.object({ stats: z.object({ updated: z.number() }) })

/** One conditional update; true when it changed the document (the condition held at that moment). */
export async function updateIf(ctx: Pick<Ctx, 'db'>, collection: string, where: object, data: object): Promise<boolean> {
  return Updated.parse(await ctx.db.collection(collection).where(where).update({ data })).stats.updated > 0
}

/** A newcomer takes a free place: only on a published event, at the capacity they read, while nobody waits. */
export function claimPlace(ctx: Pick<Ctx, 'db'>, event: Pick<EventRecord, '_id' | 'capacity'>): Promise<boolean> {
  const _ = ctx.db.command
  return updateIf(ctx, EV.events, { _id: event._id, status: 'published', capacity: event.capacity, taken: _.lt(event.capacity), waiting: 0 }, { taken: _.inc(1) })
}

/** A newcomer joins the queue (counted before their sign-up is written, so a freed place waits for them). */
export function joinQueue(ctx: Pick<Ctx, 'db'>, eventId: string): Promise<boolean> {
  return updateIf(ctx, EV.events, { _id: eventId, status: 'published' }, { waiting: ctx.db.command.inc(1) })
}

const lower = (ctx: Pick<Ctx, 'db'>, eventId: string, field: 'taken' | 'waiting') => updateIf(ctx, EV.events, { _id: eventId, [field]: ctx.db.command.gt(0) }, { [field]: ctx.db.command.inc(-1) })

/** Gives a place back for good (nobody holds it any more and nobody was promoted into it). */
export const givePlaceBack = (ctx: Pick<Ctx, 'db'>, eventId: string) => lower(ctx, eventId, 'taken')
export const leaveQueue = (ctx: Pick<Ctx, 'db'>, eventId: string) => lower(ctx, eventId, 'waiting')

/**
 * A place someone let go of: when nobody waits it is simply given back (one conditional update); when
 * someone does, it goes straight to the first in the queue instead of being put up for grabs.
 */
export async function releasePlace(ctx: Ctx, event: EventRecord): Promise<number> {
  if (await updateIf(ctx, EV.events, { _id: event._id, waiting: 0, taken: ctx.db.command.gt(0) }, { taken: ctx.db.command.inc(-1) })) return 0
  return fillPlaces(ctx, event, true)
}

/**
 * After a sign-up ended (cancelled or rejected) in a transaction: lowers the counter it held, once — the
 * conditional update on the sign-up decides who does it — and passes a freed place on to the queue.
 * Returns how many in the queue got a place.
 */
export async function settleEnded(ctx: Ctx, event: EventRecord, signupId: string): Promise<number> {
  const _ = ctx.db.command
  let promoted = 0
  for (const held of ['place', 'queue'] as const) {
    if (!(await updateIf(ctx, EV.signups, { _id: signupId, status: _.in(['cancelled', 'rejected']), holds: held }, { holds: 'none' }))) continue
    if (held === 'place') promoted += await releasePlace(ctx, event)
    else await leaveQueue(ctx, event._id)
  }
  return promoted
}

/** Thrown inside a transaction when the sign-up it meant to change was changed first. */
export class SignupMoved extends Error {
  constructor() {
    super('sign-up moved')
    this.name = 'SignupMoved'
  }
}

export const isRetryable = (err: unknown): boolean => err instanceof SignupMoved || err instanceof WriteConflict

/** Runs `work` again after a write conflict; gives up with a CONFLICT the person can act on ("try again"). */
export async function retryRush<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  try {
    return await retryConflicts(work, attempts, isRetryable)
  } catch (err) {
    if (isRetryable(err)) throw new AppError('CONFLICT', '报名的人太多了，请稍后再试一次')
    throw err
  }
}

const Signup = SignupRecord.nullable()

export async function readSignup(tx: Transaction, id: string): Promise<SignupRecord | null> {
  return Signup.parse(await txGet(tx, EV.signups, id))
}

/**
 * Changes a sign-up and, when it is a team captain's, gives the teammates the same status (they stand
 * or fall with the team). Returns the openids whose status changed.
 */
export async function updateWithTeam(tx: Transaction, signup: SignupRecord, changes: Partial<Omit<SignupRecord, '_id'>>, at: Date): Promise<string[]> {
  await txUpdate(tx, EV.signups, signup._id, { ...changes, updatedAt: at })
  const told = [signup.openid]
  if (signup.teamRole !== 'captain' || !signup.teamId || changes.status === undefined) return told
  const team = TeamRecord.parse(await txGet(tx, EV.teams, signup.teamId))
  for (const member of team.members) {
    if (member.signupId === signup._id) continue
    const mate = await readSignup(tx, member.signupId)
    if (!mate || mate.status === 'cancelled') continue
    await txUpdate(tx, EV.signups, mate._id, { status: changes.status, ...(changes.cancelledAt !== undefined ? { cancelledAt: changes.cancelledAt } : {}), updatedAt: at })
    told.push(mate.openid)
  }
  return told
}

/**
 * Ends a sign-up (取消, 驳回, 撤回, 移出) inside a transaction: a captain takes the team with them, a
 * teammate only leaves the team. What it held stays marked on it: call `settleEnded` after the commit.
 */
export async function endSignup(
  tx: Transaction,
  signupId: string,
  status: Extract<SignupStatus, 'cancelled' | 'rejected'>,
  actor: Pick<Ctx, 'openid' | 'now'>,
  note = '',
): Promise<SignupRecord | null> {
  return (await endSignupOf(tx, signupId, status, actor, { note }))?.signup ?? null
}

export interface EndOptions {
  /** why, in the history line ('' for the person's own cancellation) */
  note?: string
  /** the history action when it is neither the person's nor a review's (移出 by an organiser, 逾期未确认) */
  action?: 'remove' | 'expire'
  /** more changes to the ended sign-up itself (the reason it was removed, a confirmation no longer due) */
  changes?: Partial<Pick<SignupRecord, 'removedReason' | 'confirmBy'>>
}

/** `endSignup`, answering also whose sign-ups ended with it (a captain's teammates), to tell them. */
export async function endSignupOf(
  tx: Transaction,
  signupId: string,
  status: Extract<SignupStatus, 'cancelled' | 'rejected'>,
  actor: Pick<Ctx, 'openid' | 'now'>,
  options: EndOptions = {},
): Promise<{ signup: SignupRecord; told: string[] } | null> {
  const at = actor.now
  const { note = '', changes = {} } = options
  const signup = await readSignup(tx, signupId)
  if (!signup || signup.status === 'cancelled' || signup.status === 'rejected') return null
  const action = options.action ?? (status === 'rejected' ? 'reject' : note ? 'remove' : signup.teamRole === 'member' ? 'leave' : 'withdraw')
  await addEventHistory(tx, signup.eventId, action, actor, note ? `${signup._id} ${note}` : signup._id)
  let told = [signup.openid]
  if (signup.teamRole === 'member') {
    await txUpdate(tx, EV.signups, signup._id, { status, cancelledAt: at, updatedAt: at, ...changes })
    const team = TeamRecord.parse(await txGet(tx, EV.teams, signup.teamId))
    await txUpdate(tx, EV.teams, team._id, { members: team.members.filter((m) => m.signupId !== signup._id), updatedAt: at })
  } else {
    told = await updateWithTeam(tx, signup, { status, cancelledAt: at, ...changes }, at)
  }
  return { signup: { ...signup, ...changes, status, cancelledAt: at, updatedAt: at }, told }
}

/** A full event is settled in passes of at most this many promotions per call (the timer finishes a larger backlog). */
const MAX_PROMOTIONS = 200

/** How many of the front of the queue one read fetches: promoters who lose a head try the next without reading again. */
const HEADS_PER_READ = 20

/** The first in the waiting queue, in order (teammates wait with their captain, not on their own). */
export async function queueHeads(ctx: Ctx, eventId: string): Promise<SignupRecord[]> {
  const _ = ctx.db.command
  return findMany(
    ctx.db.collection(EV.signups).where({ eventId, status: 'waitlisted', teamRole: _.neq('member') }).orderBy('queuedAt', 'asc').orderBy('_id', 'asc'),
    SignupRecord,
    HEADS_PER_READ,
  )
}

/** Reserves a free place for the queue: room at the capacity read, and someone counted as waiting. */
function reserveForQueue(ctx: Ctx, event: Pick<EventRecord, '_id' | 'capacity'>): Promise<boolean> {
  const _ = ctx.db.command
  return updateIf(ctx, EV.events, { _id: event._id, status: 'published', capacity: event.capacity, taken: _.lt(event.capacity), waiting: _.gt(0) }, { taken: _.inc(1) })
}

/**
 * 候补递补: while a place is free and someone waits, the first in the queue gets it (confirmed, or pending
 * when the event needs a review they have not passed yet) and is told. `holding`: the caller already holds
 * a place for the queue (a cancellation handing its place on). Runs after every release and after every
 * sign-up that joined the queue, so a place freed during a rush never stays empty.
 */
export async function fillPlaces(ctx: Ctx, event: EventRecord, holding = false): Promise<number> {
  let reserved = holding
  let promoted = 0
  // the front of the queue as last read; a head someone else promoted first is dropped and the next one tried
  let heads: SignupRecord[] = []
  for (let round = 0; promoted < MAX_PROMOTIONS && round < MAX_PROMOTIONS * 3; round++) {
    // at the capacity this call read: a capacity raised meanwhile is filled by the edit itself (or the hourly timer)
    if (!reserved) reserved = await reserveForQueue(ctx, event)
    if (!reserved) break
    if (heads.length === 0) heads = await queueHeads(ctx, event._id)
    const head = heads.shift()
    const outcome = head ? await promoteHead(ctx, event, head) : 'none'
    if (outcome === 'promoted') {
      reserved = false
      promoted += 1
      continue
    }
    if (outcome === 'lost') {
      // another promoter took that head first: keep the place for the next in line at once (giving it back,
      // pausing, claiming again and re-reading the queue made 20 cancellations at once run past their limit)
      if (heads.length === 0) await backoff(0)
      continue
    }
    // 'none': the queue is empty (someone counted as waiting is still writing their sign-up; they fill after)
    await givePlaceBack(ctx, event._id)
    reserved = false
    break
  }
  if (reserved) await givePlaceBack(ctx, event._id)
  return promoted
}

/**
 * 候补递补后需确认: at an event that asks for it, a promoted person has until this to confirm (never past
 * the start); null when the event does not ask.
 */
export function confirmDeadline(event: Pick<EventRecord, 'confirmHours' | 'startAt'>, now: Date): Date | null {
  if (!event.confirmHours) return null
  return new Date(Math.min(now.getTime() + event.confirmHours * 3600_000, event.startAt.getTime()))
}

/** Gives a reserved place to the first in the queue, in one transaction with its history and message. */
async function promoteHead(ctx: Ctx, event: EventRecord, head: SignupRecord): Promise<'promoted' | 'lost'> {
  let outbox: string[] = []
  try {
    outbox = await runInTransaction(ctx.db, async (tx) => {
      const fresh = await readSignup(tx, head._id)
      if (!fresh || fresh.status !== 'waitlisted' || fresh.holds !== 'queue') throw new SignupMoved()
      const status: SignupStatus = event.needsApproval && !fresh.approved ? 'pending' : 'confirmed'
      const confirmBy = confirmDeadline(event, ctx.now)
      const told = await updateWithTeam(tx, fresh, { status, holds: 'place', confirmBy }, ctx.now)
      await addEventHistory(tx, event._id, 'promote', { openid: '', now: ctx.now }, `${fresh._id} ${status}`)
      return tellPromoted(tx, event, told, status, ctx.now, confirmBy)
    })
  } catch (err) {
    if (isRetryable(err)) return 'lost'
    throw err
  }
  await leaveQueue(ctx, event._id)
  await deliverNow(ctx, outbox)
  return 'promoted'
}

/** Place in the queue: 1 = next to get a place. */
export async function queuePosition(ctx: Ctx, signup: SignupRecord): Promise<number> {
  const _ = ctx.db.command
  const ahead = await countDocs(
    ctx.db.collection(EV.signups).where(
      _.and([
        { eventId: signup.eventId, status: 'waitlisted', teamRole: _.neq('member') },
        beyond(_, 'queuedAt', signup.queuedAt, signup._id, { time: 'desc', id: 'desc' }),
      ]),
    ),
  )
  return ahead + 1
}

/** Places left as a card shows them. */
export const placesLeft = (event: EventRecord): number => (event.status === 'draft' ? event.capacity : Math.max(0, event.capacity - event.taken))
