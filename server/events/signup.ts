import { randomInt } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { eligibilityProblem, parseAnswers, signupWindowProblem } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type Answers, type EventRecord, SignupRecord, TeamChoice, TeamRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findById, findOne, withoutId } from '../db'
import { newId } from '../notify/enqueue'
import { submitRequestDetailed } from '../requests/engine'
import { runInTransaction, txGet, txSet, txUpdate, type Transaction } from '../requests/tx'
import { loadPerson, type Person } from './access'
import { EV, SIGNUP_KIND } from './collections'
import { addEventHistory } from './history'
import { fillFreeSeats, freeSeats, queueHead, readSignup, retryRush, signupIdOf, takeSeat } from './seats'

/** A rush gives up after this many tries and says so; each try picks another free seat. */
const MAX_ATTEMPTS = 40
/** Seats a try chooses from at random, so a rush spreads over them instead of fighting for the first. */
const SEAT_CHOICE = 50

const isActive = (s: SignupRecord | null): s is SignupRecord => s !== null && ACTIVE_SIGNUP.includes(s.status)

/** Thrown inside a transaction when the person turns out to hold a sign-up already (a double tap). */
class AlreadySignedUp extends Error {
  constructor(readonly signup: SignupRecord) {
    super('already signed up')
  }
}

const TEAM_CODE_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const teamCode = (): string => Array.from({ length: 6 }, () => TEAM_CODE_CHARS[randomInt(TEAM_CODE_CHARS.length)]).join('')

function baseSignup(ctx: Ctx, event: EventRecord, person: Person, id: string, answers: Answers): SignupRecord {
  return {
    _id: id,
    eventId: event._id,
    openid: ctx.openid,
    name: person.name,
    unionId: person.unionId,
    unionName: person.unionName,
    status: 'waitlisted',
    seatId: '',
    queuedAt: ctx.now,
    answers,
    teamId: '',
    teamRole: 'none',
    requestId: '',
    approved: false,
    checkedInAt: null,
    late: false,
    noShow: false,
    remindedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    cancelledAt: null,
  }
}

/**
 * 报名: checks the window, who the person is and the form, then gives them a seat if one is free and
 * a place in the queue if not. A second tap returns the sign-up the first one made.
 */
export async function signUp(ctx: Ctx, event: EventRecord, input: { answers: Answers; team?: z.output<typeof TeamChoice> }): Promise<SignupRecord> {
  const closed = signupWindowProblem(event, ctx.now)
  if (closed) throw new AppError('CONFLICT', closed)
  const id = signupIdOf(event._id, ctx.openid)
  const existing = await findById(ctx.db.collection(EV.signups), id, SignupRecord)
  if (isActive(existing)) return existing
  const person = await loadPerson(ctx)
  const problem = eligibilityProblem(event, person)
  if (problem) throw new AppError('FORBIDDEN', problem)
  if (!person.name) throw new AppError('INVALID_INPUT', '请先在个人资料中填写姓名', { name: '请先填写姓名' })
  const parsed = parseAnswers(event.fields, input.answers)
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `填写的内容有误：${Object.values(parsed.fields)[0] ?? ''}`, parsed.fields)
  const signup = baseSignup(ctx, event, person, id, parsed.answers)
  if (event.mode === 'team') {
    if (!input.team) throw new AppError('INVALID_INPUT', '这是组队报名的活动，请创建队伍或用邀请码加入队伍', { team: '请选择创建队伍或加入队伍' })
    if (input.team.mode === 'join') return joinTeam(ctx, event, signup, input.team.code)
    return takePlace(ctx, event, { ...signup, teamRole: 'captain', teamId: newId() }, input.team.name)
  }
  return takePlace(ctx, event, signup, null)
}

/**
 * Writes the sign-up with a seat (or in the queue when none is free), in one transaction — through the
 * request engine when the event needs a review, so the request, its history and the reviewers' messages
 * commit with it. A seat someone else took first means another try with another seat.
 */
async function takePlace(ctx: Ctx, event: EventRecord, draft: SignupRecord, teamName: string | null): Promise<SignupRecord> {
  return unlessSignedUp(() => retryRush(MAX_ATTEMPTS, async () => {
    // a seat freed while people wait is theirs: a newcomer joins the end of the queue instead
    const [candidates, waiting] = await Promise.all([freeSeats(ctx, event._id, SEAT_CHOICE), queueHead(ctx, event._id)])
    const seat = candidates.length && !waiting ? candidates[randomInt(candidates.length)] : null
    const write = async (tx: Transaction, requestId: string): Promise<SignupRecord> => {
      const before = await readSignup(tx, draft._id)
      if (isActive(before)) throw new AlreadySignedUp(before)
      if (seat) await takeSeat(tx, seat._id, draft._id, ctx.now)
      const status = seat ? (event.needsApproval ? 'pending' : 'confirmed') : 'waitlisted'
      const signup: SignupRecord = { ...draft, status, seatId: seat?._id ?? '', requestId, updatedAt: ctx.now }
      await txSet(tx, EV.signups, signup._id, withoutId(signup))
      await addEventHistory(tx, event._id, 'signup', ctx, `${signup._id} ${status}`)
      if (teamName !== null) {
        const team: TeamRecord = {
          _id: signup.teamId,
          eventId: event._id,
          name: teamName,
          code: teamCode(),
          captainSignupId: signup._id,
          members: [{ signupId: signup._id, name: signup.name }],
          size: event.teamSize ?? 2,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }
        await txSet(tx, EV.teams, team._id, withoutId(team))
      }
      return signup
    }
    const signup = event.needsApproval ? await throughReview(ctx, event, draft, write) : await runInTransaction(ctx.db, (tx) => write(tx, ''))
    if (signup.status === 'waitlisted') await fillFreeSeats(ctx, event)
    return signup
  }))
}

/** A double tap found the first tap's sign-up inside the transaction: answer that one. */
async function unlessSignedUp(work: () => Promise<SignupRecord>): Promise<SignupRecord> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof AlreadySignedUp) return err.signup
    throw err
  }
}

async function throughReview(ctx: Ctx, event: EventRecord, draft: SignupRecord, write: (tx: Transaction, requestId: string) => Promise<SignupRecord>): Promise<SignupRecord> {
  const written: { signup?: SignupRecord } = {}
  await submitRequestDetailed(
    ctx,
    {
      kind: SIGNUP_KIND,
      unionId: event.unionId,
      summary: { title: event.title, subtitle: draft.unionName },
      subjectRef: { collection: EV.signups, id: draft._id },
      applicantName: draft.name,
    },
    {
      inTransaction: async (tx, request) => {
        written.signup = await write(tx, request._id)
      },
    },
  )
  if (!written.signup) throw new Error('the review transaction wrote no sign-up')
  return written.signup
}

/** 加入队伍 with the captain's code: no seat of their own; a teammate stands or falls with the team. */
async function joinTeam(ctx: Ctx, event: EventRecord, draft: SignupRecord, code: string): Promise<SignupRecord> {
  const found = await findOne(ctx.db.collection(EV.teams).where({ eventId: event._id, code }), TeamRecord)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个队伍，请向队长核对邀请码', { 'team.code': '邀请码不正确' })
  return unlessSignedUp(() =>
    retryRush(MAX_ATTEMPTS, () =>
      runInTransaction(ctx.db, async (tx) => {
        const before = await readSignup(tx, draft._id)
        if (isActive(before)) throw new AlreadySignedUp(before)
        const team = TeamRecord.parse(await txGet(tx, EV.teams, found._id))
        const captain = await readSignup(tx, team.captainSignupId)
        if (!isActive(captain)) throw new AppError('CONFLICT', '这个队伍已经取消报名了')
        if (team.members.length >= team.size) throw new AppError('CONFLICT', `队伍「${team.name}」已满${team.size}人`)
        const signup: SignupRecord = { ...draft, status: captain.status, teamId: team._id, teamRole: 'member', requestId: '' }
        await txSet(tx, EV.signups, signup._id, withoutId(signup))
        await addEventHistory(tx, event._id, 'signup', ctx, `${signup._id} ${signup.status} team ${team._id}`)
        await txUpdate(tx, EV.teams, team._id, { members: [...team.members, { signupId: signup._id, name: signup.name }], updatedAt: ctx.now })
        return signup
      }),
    ),
  )
}
