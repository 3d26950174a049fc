import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { type EventRecord, SeatRecord, SignupRecord, type SignupStatus, TeamRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { countDocs, findMany } from '../db'
import { keyedHash } from '../privacy'
import { deliverNow } from '../requests/notices'
import { WriteConflict, backoff, retryConflicts, runInTransaction, txGet, txUpdate, type Transaction } from '../requests/tx'
import { EV, seatIdOf } from './collections'
import { beyond } from './cursor'
import { addEventHistory } from './history'
import { tellPromoted } from './notices'

/**
 * 名额 and 候补. Each place of an event is a document in `event_seats`; a sign-up holds a place only by
 * writing its id into a free seat inside a transaction, so two people can never hold one seat and the
 * number of holders can never pass the capacity, whatever the interleaving. There is no counter that
 * every sign-up must update, so a rush spreads over the seats instead of queueing on one document.
 * The waiting queue is the sign-ups in status 'waitlisted' in the order they joined it (queuedAt, _id).
 */

/** One person, one sign-up per event: the id says whose it is without carrying the openid. */
export const signupIdOf = (eventId: string, openid: string): string => `${eventId}.${keyedHash(`event-signup:${openid}`).slice(0, 20)}`
export const eventIdOfSignup = (signupId: string): string => signupId.split('.')[0] ?? ''

/** Thrown inside a transaction when the seat it picked was taken first: pick another. */
export class SeatTaken extends Error {
  constructor() {
    super('seat taken')
    this.name = 'SeatTaken'
  }
}

export const isRetryable = (err: unknown): boolean => err instanceof SeatTaken || err instanceof WriteConflict

/**
 * Runs `work` until it succeeds, trying again after a seat taken first or a write conflict, with a
 * growing random pause; gives up with a CONFLICT the person can act on ("try again") after `attempts`.
 */
export async function retryRush<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  try {
    return await retryConflicts(work, attempts, isRetryable)
  } catch (err) {
    if (isRetryable(err)) throw new AppError('CONFLICT', '报名的人太多了，请稍后再试一次')
    throw err
  }
}

const Seat = SeatRecord.nullable()
const Signup = SignupRecord.nullable()

export async function readSignup(tx: Transaction, id: string): Promise<SignupRecord | null> {
  return Signup.parse(await txGet(tx, EV.signups, id))
}

/** Up to `limit` free seats, for the caller to pick one at random. */
export function freeSeats(ctx: Pick<Ctx, 'db'>, eventId: string, limit: number): Promise<SeatRecord[]> {
  return findMany(ctx.db.collection(EV.seats).where({ eventId, holder: '' }).orderBy('n', 'asc'), SeatRecord, limit)
}

export const countFreeSeats = (ctx: Pick<Ctx, 'db'>, eventId: string): Promise<number> => countDocs(ctx.db.collection(EV.seats).where({ eventId, holder: '' }))

/** Takes `seat` for `signupId` inside the transaction, or throws SeatTaken. */
export async function takeSeat(tx: Transaction, seatId: string, signupId: string, at: Date): Promise<void> {
  const seat = Seat.parse(await txGet(tx, EV.seats, seatId))
  if (!seat || seat.holder !== '') throw new SeatTaken()
  await txUpdate(tx, EV.seats, seatId, { holder: signupId, updatedAt: at })
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
 * Ends a sign-up (取消, 驳回, 撤回) inside a transaction: its seat becomes free, a captain takes the team
 * with them, a teammate only leaves the team. Call `fillFreeSeats` after the commit.
 */
export async function endSignup(
  tx: Transaction,
  signupId: string,
  status: Extract<SignupStatus, 'cancelled' | 'rejected'>,
  actor: Pick<Ctx, 'openid' | 'now'>,
): Promise<void> {
  const at = actor.now
  const signup = await readSignup(tx, signupId)
  if (!signup || signup.status === 'cancelled' || signup.status === 'rejected') return
  await addEventHistory(tx, signup.eventId, status === 'rejected' ? 'reject' : signup.teamRole === 'member' ? 'leave' : 'withdraw', actor, signup._id)
  if (signup.teamRole === 'member') {
    await txUpdate(tx, EV.signups, signup._id, { status, cancelledAt: at, updatedAt: at })
    const team = TeamRecord.parse(await txGet(tx, EV.teams, signup.teamId))
    await txUpdate(tx, EV.teams, team._id, { members: team.members.filter((m) => m.signupId !== signup._id), updatedAt: at })
    return
  }
  if (signup.seatId) {
    const seat = Seat.parse(await txGet(tx, EV.seats, signup.seatId))
    if (seat && seat.holder === signup._id) await txUpdate(tx, EV.seats, seat._id, { holder: '', updatedAt: at })
  }
  await updateWithTeam(tx, signup, { status, seatId: '', cancelledAt: at }, at)
}

const QUEUE_HEAD_LIMIT = 1
/** A full event is settled in passes of at most this many promotions per call (the timer finishes a larger backlog). */
const MAX_PROMOTIONS = 200
const FILLER_GIVES_WAY_AFTER = 3

/** The first in the waiting queue (teammates wait with their captain, not on their own). */
export async function queueHead(ctx: Ctx, eventId: string): Promise<SignupRecord | null> {
  const _ = ctx.db.command
  const [head] = await findMany(
    ctx.db.collection(EV.signups).where({ eventId, status: 'waitlisted', teamRole: _.neq('member') }).orderBy('queuedAt', 'asc').orderBy('_id', 'asc'),
    SignupRecord,
    QUEUE_HEAD_LIMIT,
  )
  return head ?? null
}

/**
 * 候补递补: while a seat is free and someone waits, the first in the queue gets the seat (confirmed, or
 * pending when the event needs a review they have not passed yet) and is told. Runs after every release
 * and after every sign-up that joined the queue, so a seat freed during a rush never stays empty.
 */
export async function fillFreeSeats(ctx: Ctx, event: EventRecord): Promise<number> {
  if (event.status !== 'published') return 0
  const outbox: string[] = []
  let promoted = 0
  let lost = 0
  for (let round = 0; promoted < MAX_PROMOTIONS && round < MAX_PROMOTIONS * 3; round++) {
    const [seat] = await freeSeats(ctx, event._id, 1)
    if (!seat) break
    const head = await queueHead(ctx, event._id)
    if (!head) break
    try {
      const ids = await runInTransaction(ctx.db, async (tx) => {
        const fresh = await readSignup(tx, head._id)
        if (!fresh || fresh.status !== 'waitlisted') throw new SeatTaken()
        await takeSeat(tx, seat._id, fresh._id, ctx.now)
        const status: SignupStatus = event.needsApproval && !fresh.approved ? 'pending' : 'confirmed'
        const told = await updateWithTeam(tx, fresh, { status, seatId: seat._id }, ctx.now)
        await addEventHistory(tx, event._id, 'promote', { openid: '', now: ctx.now }, `${fresh._id} ${status}`)
        return tellPromoted(tx, event, told, status, ctx.now)
      })
      outbox.push(...ids)
      promoted += 1
      lost = 0
    } catch (err) {
      if (!isRetryable(err)) throw err
      // Losing means another filler just committed a promotion; it reads the seats again after its
      // commit (so after whatever freed ours) and carries on, so after a few losses in a row this one may stop.
      if (++lost >= FILLER_GIVES_WAY_AFTER) break
      await backoff(round)
    }
  }
  await deliverNow(ctx, outbox)
  return promoted
}

/** Place in the queue: 1 = next to get a seat. */
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

const SEAT_BATCH = 100

export const countSeats = (ctx: Pick<Ctx, 'db'>, eventId: string): Promise<number> => countDocs(ctx.db.collection(EV.seats).where({ eventId }))

/**
 * Makes the event have `capacity` seats: adds new ones numbered after the highest ever made (`seatCount`),
 * or removes free ones from the top. Returns the new highest number. The caller checked that the seats
 * taken fit in `capacity`. Seat ids are fixed by number, so running it twice adds nothing twice.
 */
export async function resizeSeats(ctx: Ctx, event: Pick<EventRecord, '_id' | 'seatCount'>, capacity: number): Promise<number> {
  const _ = ctx.db.command
  let highest = event.seatCount
  let total = await countSeats(ctx, event._id)
  while (total < capacity) {
    const n = Math.min(SEAT_BATCH, capacity - total)
    const ids = Array.from({ length: n }, (_unused, i) => seatIdOf(event._id, highest + 1 + i))
    const existing = new Set((await findMany(ctx.db.collection(EV.seats).where({ _id: _.in(ids) }), Id, SEAT_BATCH)).map((s) => s._id))
    const fresh = ids.map((id, i) => ({ _id: id, eventId: event._id, n: highest + 1 + i, holder: '', updatedAt: ctx.now })).filter((seat) => !existing.has(seat._id))
    if (fresh.length) await ctx.db.collection(EV.seats).add({ data: fresh })
    highest += n
    total += fresh.length
  }
  while (total > capacity) {
    const spare = await findMany(ctx.db.collection(EV.seats).where({ eventId: event._id, holder: '' }).orderBy('n', 'desc'), SeatRecord, Math.min(SEAT_BATCH, total - capacity))
    if (spare.length === 0) break
    for (const seat of spare) {
      // atomic per document: a seat taken meanwhile is not removed
      const res = RemoveResult.parse(await ctx.db.collection(EV.seats).where({ _id: seat._id, holder: '' }).remove())
      total -= res.stats.removed
    }
  }
  return highest
}

const Id = z.object({ _id: z.string() })
const RemoveResult = z.object({ stats: z.object({ removed: z.number() }) })
