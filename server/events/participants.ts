import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { attendanceLabel } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventRecord, type ParticipantRow, SignupRecord, TeamRecord, type UnionCount, UnitLeadRecord, signupStatusLabel } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { accessTo } from './access'
import { EV } from './collections'

/**
 * 报名名单 for organisers. The organising union sees every unit (or one it picks); the chair of a unit
 * inside a subtree-wide event sees only their own unit. Everyone else: FORBIDDEN.
 */
export function unitsFor(ctx: Ctx, event: EventRecord, wanted: string | undefined): string[] | null {
  const access = accessTo(ctx.grants, event)
  if (access.role === 'none') throw new AppError('FORBIDDEN', '只有活动的组织工会和参加单位的工会可以查看报名名单')
  if (access.role === 'organiser') return wanted ? [wanted] : null
  if (wanted && !access.unionIds.includes(wanted)) throw new AppError('FORBIDDEN', '您只能查看本单位的报名名单')
  return wanted ? [wanted] : access.unionIds
}

const STATUS_FILTER: Record<string, readonly string[]> = {
  all: ['confirmed', 'pending', 'waitlisted'],
  confirmed: ['confirmed'],
  pending: ['pending'],
  waitlisted: ['waitlisted'],
  cancelled: ['cancelled', 'rejected'],
}

export function participantsQuery(ctx: Ctx, event: EventRecord, units: string[] | null, status: string, after: string) {
  const _ = ctx.db.command
  return ctx.db
    .collection(EV.signups)
    .where({
      eventId: event._id,
      status: _.in([...(STATUS_FILTER[status] ?? STATUS_FILTER.all)]),
      ...(units ? { unionId: _.in(units) } : {}),
      ...(after ? { _id: _.gt(after) } : {}),
    })
    .orderBy('_id', 'asc')
}

export async function teamsOf(ctx: Ctx, signups: readonly SignupRecord[]): Promise<Map<string, TeamRecord>> {
  const ids = [...new Set(signups.map((s) => s.teamId).filter(Boolean))]
  if (ids.length === 0) return new Map()
  const _ = ctx.db.command
  const teams = await findMany(ctx.db.collection(EV.teams).where({ _id: _.in(ids) }), TeamRecord, Math.min(100, ids.length))
  return new Map(teams.map((t) => [t._id, t]))
}

export function rowOf(event: EventRecord, s: SignupRecord, team: TeamRecord | undefined): ParticipantRow {
  return {
    signupId: s._id,
    name: s.name,
    unionName: s.unionName || '（非会员）',
    team: team ? `${team.name}${s.teamRole === 'captain' ? '（队长）' : ''}` : '',
    status: s.status,
    statusLabel: signupStatusLabel[s.status],
    attendance: attendanceLabel(s),
    answers: event.fields.map((f) => ({ label: f.label, value: s.answers[f.key] === undefined ? '' : String(s.answers[f.key]) })),
    signedUpAt: s.createdAt,
    confirmBy: ACTIVE_SIGNUP.includes(s.status) ? s.confirmBy : null,
  }
}

const CountRow = z.object({ _id: z.object({ unionId: z.string(), unionName: z.string(), status: z.string(), teamRole: z.string() }), n: z.number().int(), checkedIn: z.number().int() })
const Aggregated = z.object({ list: z.array(CountRow) })

/**
 * Counts per unit in one aggregate over the event's sign-ups: people (confirmed, pending, waitlisted,
 * checked in) and, apart from them, the places they hold — a team holds one place for all its people.
 */
export async function countsByUnion(ctx: Ctx, event: EventRecord, units: string[] | null) {
  const _ = ctx.db.command
  const $ = _.aggregate
  const [res, leads] = await Promise.all([
    ctx.db
      .collection(EV.signups)
      .aggregate()
      .match({ eventId: event._id, ...(units ? { unionId: _.in(units) } : {}) })
      .group({
        _id: { unionId: '$unionId', unionName: '$unionName', status: '$status', teamRole: '$teamRole' },
        n: $.sum(1),
        checkedIn: $.sum($.cond({ if: $.eq(['$checkedInAt', null]), then: 0, else: 1 })),
      })
      .end(),
    findMany(ctx.db.collection(EV.leads).where({ eventId: event._id, ...(units ? { unionId: _.in(units) } : {}) }), UnitLeadRecord, 100),
  ])
  const blank = (unionId: string, unionName: string): UnionCount => ({ unionId, unionName, places: 0, confirmed: 0, pending: 0, waitlisted: 0, checkedIn: 0, leadName: '', leadPhone: '' })
  const byUnion = new Map<string, UnionCount>()
  for (const lead of leads) byUnion.set(lead.unionId, { ...blank(lead.unionId, lead.unionName), leadName: lead.name, leadPhone: lead.phone })
  for (const row of Aggregated.parse(res).list) {
    const key = row._id.unionId
    const c = byUnion.get(key) ?? blank(key, row._id.unionName || '非会员')
    if (row._id.status === 'confirmed') c.confirmed += row.n
    if (row._id.status === 'pending') c.pending += row.n
    if (row._id.status === 'waitlisted') c.waitlisted += row.n
    if ((row._id.status === 'confirmed' || row._id.status === 'pending') && row._id.teamRole !== 'member') c.places += row.n
    c.checkedIn += row.checkedIn
    byUnion.set(key, c)
  }
  const counts = [...byUnion.values()].filter((c) => c.confirmed + c.pending + c.waitlisted > 0 || c.leadName).sort((a, b) => b.confirmed - a.confirmed || a.unionName.localeCompare(b.unionName))
  const totals = counts.reduce(
    (t, c) => ({ places: t.places + c.places, confirmed: t.confirmed + c.confirmed, pending: t.pending + c.pending, waitlisted: t.waitlisted + c.waitlisted, checkedIn: t.checkedIn + c.checkedIn }),
    { places: 0, confirmed: 0, pending: 0, waitlisted: 0, checkedIn: 0 },
  )
  return { counts, totals: { ...totals, capacity: event.capacity } }
}
