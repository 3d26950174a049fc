import { randomInt } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { redactSensitive } from '../../shared/privacy/detect'
import { eligibilityProblem, parseAnswers, signupWindowProblem } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type Answers, type EventRecord, SignupRecord, TeamChoice, TeamRecord, isProtectedField } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findById, findOne, withoutId } from '../db'
import { newId } from '../notify/enqueue'
import { sealSensitive } from '../privacy'
import { submitRequestDetailed } from '../requests/engine'
import { runInTransaction, txGet, txSet, txUpdate, type Transaction } from '../requests/tx'
import { loadEvent, loadPerson, type Person } from './access'
import { EV, SIGNUP_KIND } from './collections'
import { addEventHistory } from './history'
import { SignupMoved, claimPlace, fillPlaces, joinQueue, leaveQueue, readSignup, releasePlace, retryRush, settleEnded, signupIdOf } from './places'

/** A transaction that keeps meeting write conflicts gives up after this many tries and says so. */
const MAX_ATTEMPTS = 40

const EventStatusOnly = z.object({ status: z.string() })

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
    holds: 'none',
    queuedAt: ctx.now,
    answers,
    sealedAnswers: {},
    phoneTail: person.phoneTail,
    confirmBy: null,
    removedReason: '',
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
 * 报名: checks the window, who the person is and the form, then gives them a place if one is free and
 * a place in the queue if not. A second tap returns the sign-up the first one made.
 */
export async function signUp(ctx: Ctx, event: EventRecord, input: { answers: Answers; team?: z.output<typeof TeamChoice> }): Promise<SignupRecord> {
  const closed = signupWindowProblem(event, ctx.now)
  if (closed) throw new AppError('CONFLICT', closed)
  const id = signupIdOf(event._id, ctx.openid)
  const person = await loadPerson(ctx, event)
  const problem = eligibilityProblem(event, person)
  if (problem) throw new AppError('FORBIDDEN', problem)
  if (!person.name) throw new AppError('INVALID_INPUT', '请先在个人资料中填写姓名', { name: '请先填写姓名' })
  const parsed = parseAnswers(event.fields, input.answers)
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `填写的内容有误：${Object.values(parsed.fields)[0] ?? ''}`, parsed.fields)
  const { answers, sealedAnswers } = storedAnswers(event, parsed.answers, ctx.now)
  const phoneAnswer = event.fields.find((f) => f.type === 'phone' && typeof parsed.answers[f.key] === 'string')
  const phoneTail = phoneAnswer ? String(parsed.answers[phoneAnswer.key]).slice(-4) : person.phoneTail
  const signup: SignupRecord = { ...baseSignup(ctx, event, person, id, answers), sealedAnswers, phoneTail }
  if (event.mode === 'team') {
    if (!input.team) throw new AppError('INVALID_INPUT', '这是组队报名的活动，请创建队伍或用邀请码加入队伍', { team: '请选择创建队伍或加入队伍' })
    if (input.team.mode === 'join') return joinTeam(ctx, event, signup, input.team.code)
    return takePlace(ctx, event, { ...signup, teamRole: 'captain', teamId: newId() }, input.team.name)
  }
  return takePlace(ctx, event, signup, null)
}

/**
 * What is stored of the answers: a protected answer (手机号, 身份证号) sealed, with its masked form beside
 * the others (the organiser's list and the export show answers as stored, so the full number is never
 * there); a full ID or card number typed into free text masked before it is stored, never kept to be masked later.
 */
function storedAnswers(event: EventRecord, parsed: Answers, now: Date): Pick<SignupRecord, 'answers' | 'sealedAnswers'> {
  const answers: Answers = {}
  const sealedAnswers: SignupRecord['sealedAnswers'] = {}
  for (const [key, value] of Object.entries(parsed)) {
    const field = event.fields.find((f) => f.key === key)
    if (field && isProtectedField(field.type) && typeof value === 'string') {
      const sealed = sealSensitive(value, field.type === 'phone' ? 'phone' : 'idNumber')
      sealedAnswers[key] = sealed
      answers[key] = sealed.masked
    } else answers[key] = typeof value === 'string' ? redactSensitive(value, now) : value
  }
  return { answers, sealedAnswers }
}

/**
 * Takes a place (or a place in the queue) first, with one conditional update on the event's counters,
 * then writes the sign-up under its one-per-person id. A single sign-up is one insert; a team (the team
 * document too), a reviewed sign-up (the request too) or a second sign-up after a cancelled one is one
 * transaction. Whatever stops the write gives the place back.
 */
async function takePlace(ctx: Ctx, event: EventRecord, draft: SignupRecord, teamName: string | null): Promise<SignupRecord> {
  const simple = teamName === null && !event.needsApproval
  if (!simple) {
    const earlier = await findById(ctx.db.collection(EV.signups), draft._id, SignupRecord)
    if (isActive(earlier)) return earlier
  }
  const holds = await reserve(ctx, event)
  const status = holds === 'place' ? (event.needsApproval ? 'pending' : 'confirmed') : 'waitlisted'
  const signup: SignupRecord = { ...draft, status, holds, queuedAt: ctx.now, updatedAt: ctx.now }
  let written: SignupRecord
  try {
    written = simple ? await insertSignup(ctx, event, signup) : await writeInTransaction(ctx, event, signup, teamName)
  } catch (err) {
    await giveBack(ctx, event, holds)
    if (err instanceof AlreadySignedUp) return err.signup
    throw err
  }
  if (holds === 'queue') await fillPlaces(ctx, event)
  return written
}

/** A place if one is free and nobody waits, else a place in the queue; refused once the event is no longer open. */
async function reserve(ctx: Ctx, event: EventRecord): Promise<'place' | 'queue'> {
  // full (or people waiting) when the event was read: straight to the queue, which is filled right after
  const full = event.taken >= event.capacity || event.waiting > 0
  if (!full && (await claimPlace(ctx, event))) return 'place'
  if (await joinQueue(ctx, event._id)) return 'queue'
  const now = await loadEvent(ctx, event._id)
  throw new AppError('CONFLICT', now.status === 'cancelled' ? '活动已取消，不能报名' : '活动已不在报名中')
}

async function giveBack(ctx: Ctx, event: EventRecord, holds: 'place' | 'queue'): Promise<void> {
  if (holds === 'place') await releasePlace(ctx, event)
  else await leaveQueue(ctx, event._id)
}

const isDuplicate = (err: unknown): boolean => /E11000|duplicate key/i.test(err instanceof Error ? err.message : String(err))

/**
 * The common case in two writes: the sign-up under its unique id, then its line of history (if the
 * function stopped in between, the sign-up stands without its line; never a line without a sign-up).
 * The id taken means the person signed up before: a double tap gets that sign-up, a person who had
 * cancelled signs up again through the transaction.
 */
async function insertSignup(ctx: Ctx, event: EventRecord, signup: SignupRecord): Promise<SignupRecord> {
  try {
    await ctx.db.collection(EV.signups).add({ data: { _id: signup._id, ...withoutId(signup) } })
  } catch (err) {
    if (!isDuplicate(err)) throw err
    return writeInTransaction(ctx, event, signup, null)
  }
  await addEventHistory(ctx.db, event._id, 'signup', ctx, `${signup._id} ${signup.status}`)
  return signup
}

/** The sign-up (and the team, or the request) in one transaction; an earlier ended sign-up of the person is settled first. */
async function writeInTransaction(ctx: Ctx, event: EventRecord, signup: SignupRecord, teamName: string | null): Promise<SignupRecord> {
  const write = async (tx: Transaction, requestId: string): Promise<SignupRecord> => {
    const before = await readSignup(tx, signup._id)
    const stillHolds = before !== null && before.holds !== 'none'
    const removed = before?.removedReason ?? ''
    if (isActive(before)) throw new AlreadySignedUp(before)
    // an organiser removed them (移出): they do not sign themselves back in
    if (removed) throw new AppError('FORBIDDEN', '您已被活动组织者移出，不能再报名')
    // an ended sign-up whose counter is not lowered yet: settleEnded runs again on the retry
    if (stillHolds) throw new SignupMoved()
    const stored: SignupRecord = { ...signup, requestId }
    await txSet(tx, EV.signups, stored._id, withoutId(stored))
    await addEventHistory(tx, event._id, 'signup', ctx, `${stored._id} ${stored.status}`)
    if (teamName !== null) {
      const team: TeamRecord = {
        _id: stored.teamId,
        eventId: event._id,
        name: teamName,
        code: teamCode(),
        captainSignupId: stored._id,
        members: [{ signupId: stored._id, name: stored.name }],
        size: event.teamSize ?? 2,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      await txSet(tx, EV.teams, team._id, withoutId(team))
    }
    return stored
  }
  return retryRush(MAX_ATTEMPTS, async () => {
    await settleEnded(ctx, event, signup._id)
    return event.needsApproval ? throughReview(ctx, event, signup, write) : runInTransaction(ctx.db, (tx) => write(tx, ''))
  })
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
  await settleEnded(ctx, event, draft._id)
  return unlessSignedUp(() =>
    retryRush(MAX_ATTEMPTS, () =>
      runInTransaction(ctx.db, async (tx) => {
        const before = await readSignup(tx, draft._id)
        if (isActive(before)) throw new AlreadySignedUp(before)
        // read in the transaction: a cancellation that committed first is seen here, one after it finds this teammate
        if (EventStatusOnly.parse(await txGet(tx, EV.events, event._id)).status !== 'published') throw new AppError('CONFLICT', '活动已不在报名中')
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
