import { cancelProblem, eligibilityProblem, ruleLines, signupWindowProblem } from '../../shared/events/rules'
import {
  ACTIVE_SIGNUP,
  type EventCard,
  type EventDetail,
  type EventRecord,
  type MySignupView,
  ResultRecord,
  SignupRecord,
  TeamRecord,
  eventKindLabel,
  eventStatusLabel,
  signupStatusLabel,
} from '../../shared/events/schemas'
import { maskName } from '../../shared/privacy/mask'
import type { Ctx } from '../context'
import { countDocs, findById, findMany } from '../db'
import { tempUrls } from '../storage'
import { accessTo, loadPerson } from './access'
import { EV } from './collections'
import { placesLeft, queuePosition, signupIdOf } from './places'

/** Cover pictures through short-lived links (an hour: a list stays readable while someone scrolls). */
const COVER_LINK_SECONDS = 3600

export async function coverUrls(ctx: Ctx, events: readonly EventRecord[]): Promise<Map<string, string>> {
  try {
    return await tempUrls(ctx, events.map((e) => e.coverFileId), COVER_LINK_SECONDS)
  } catch (err) {
    console.error('[events] cover links failed; the list is shown without pictures', err)
    return new Map()
  }
}

export function cardOf(event: EventRecord, seatsLeft: number, mine: SignupRecord | null, coverUrl: string): EventCard {
  return {
    eventId: event._id,
    title: event.title,
    kind: event.kind,
    kindLabel: eventKindLabel[event.kind],
    unionName: event.unionName,
    place: event.place,
    startAt: event.startAt,
    endAt: event.endAt,
    signupClosesAt: event.signupClosesAt,
    capacity: event.capacity,
    seatsLeft,
    status: event.status,
    statusLabel: event.status === 'published' && seatsLeft === 0 ? '名额已满，可候补' : eventStatusLabel[event.status],
    coverUrl,
    mine: mine && mine.status !== 'cancelled' ? mine.status : null,
  }
}

/** Cards for a page of events, with places left (from the event's own counter) and the caller's own status, in one query besides the covers. */
export async function cardsOf(ctx: Ctx, events: readonly EventRecord[]): Promise<EventCard[]> {
  const _ = ctx.db.command
  const ids = events.map((e) => signupIdOf(e._id, ctx.openid))
  const [covers, mine] = await Promise.all([
    coverUrls(ctx, events),
    ids.length ? findMany(ctx.db.collection(EV.signups).where({ _id: _.in(ids) }), SignupRecord, ids.length) : Promise.resolve([]),
  ])
  return events.map((e) => cardOf(e, placesLeft(e), mine.find((s) => s.eventId === e._id) ?? null, covers.get(e.coverFileId) ?? ''))
}

/** 成绩 of an event, in item and place order; winners' names masked (张*) because the page is public to members. */
export async function resultsOf(ctx: Ctx, eventId: string) {
  const rows = await findMany(ctx.db.collection(EV.results).where({ eventId }).orderBy('item', 'asc').orderBy('place', 'asc'), ResultRecord, 100)
  return rows.map((r) => ({ item: r.item, place: r.place, award: r.award, winner: r.winner, unionName: r.unionName }))
}

/** How the page names a winner: the team's name for a team, the masked name of a person. */
export const winnerName = (signup: SignupRecord, team: TeamRecord | null): string => (team ? (team.name.endsWith('队') ? team.name : `${team.name}队`) : maskName(signup.name))

export async function mySignupView(ctx: Ctx, event: EventRecord, signup: SignupRecord): Promise<MySignupView> {
  const team = signup.teamId ? await findById(ctx.db.collection(EV.teams), signup.teamId, TeamRecord) : null
  const isCaptain = signup.teamRole === 'captain'
  const active = ACTIVE_SIGNUP.includes(signup.status)
  return {
    signupId: signup._id,
    status: signup.status,
    statusLabel: signupStatusLabel[signup.status],
    queuePosition: signup.status === 'waitlisted' ? await queuePosition(ctx, signup) : null,
    answers: signup.answers,
    requestId: signup.requestId,
    checkedInAt: signup.checkedInAt,
    late: signup.late,
    noShow: signup.noShow,
    canCancel: active && cancelProblem(event, ctx.now) === null,
    confirmBy: active ? signup.confirmBy : null,
    removedReason: signup.removedReason,
    team:
      team && active
        ? {
            teamId: team._id,
            name: team.name,
            code: isCaptain ? team.code : null,
            size: team.size,
            members: team.members.map((m) => ({ signupId: m.signupId, name: m.signupId === signup._id ? m.name : maskName(m.name), isCaptain: m.signupId === team.captainSignupId })),
            isCaptain,
          }
        : null,
  }
}

export async function detailOf(ctx: Ctx, event: EventRecord): Promise<EventDetail> {
  const signup = await findById(ctx.db.collection(EV.signups), signupIdOf(event._id, ctx.openid), SignupRecord)
  const seatsLeft = placesLeft(event)
  const [covers, waitlisted, results, person, my] = await Promise.all([
    coverUrls(ctx, [event]),
    countDocs(ctx.db.collection(EV.signups).where({ eventId: event._id, status: 'waitlisted', teamRole: ctx.db.command.neq('member') })),
    resultsOf(ctx, event._id),
    loadPerson(ctx, event),
    // a person the organiser removed sees that, and why
    signup && (signup.status !== 'cancelled' || signup.removedReason) ? mySignupView(ctx, event, signup) : Promise.resolve(null),
  ])
  const card = cardOf(event, seatsLeft, signup, covers.get(event.coverFileId) ?? '')
  const active = my !== null && ACTIVE_SIGNUP.includes(my.status)
  const blockedReason = active ? '您已报名' : signup?.removedReason ? '您已被活动组织者移出，不能再报名' : (signupWindowProblem(event, ctx.now) ?? eligibilityProblem(event, person))
  return {
    ...card,
    description: event.description,
    scope: event.scope,
    membersOnly: event.membersOnly,
    gender: event.gender,
    minAge: event.minAge,
    maxAge: event.maxAge,
    mode: event.mode,
    teamSize: event.teamSize,
    fields: event.fields,
    needsApproval: event.needsApproval,
    signupOpensAt: event.signupOpensAt,
    waitlisted,
    cancelReason: event.cancelReason,
    rules: ruleLines(event, event.unionName),
    blockedReason,
    my,
    results,
    canManage: accessTo(ctx.grants, event).role !== 'none',
    version: event.version,
  }
}

