import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { MembershipRecord } from '../../shared/membership/records'
import { maskPhone } from '../../shared/privacy/mask'
import { escapeRegExp } from '../../shared/union/search'
import { isStaffOver } from '../../shared/union/officers'
import { rosterStatusLabel, type RosterRow, type RosterStatus, type RosterInput } from '../../shared/union/admin'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { arrearsAt } from './arrears'
import { exemptionsAt } from './exemptions'
import { loadFullUnion } from './office'

const Profile = z.object({ _id: z.string(), name: z.string(), phone: z.string().nullable() })
/** A name search finds at most this many people; the page asks the person to narrow it down beyond that. */
const KEYWORD_PEOPLE = 100

/**
 * 会员名册: a chair (or vice-chair, committee member) reads her union's members, federation staff
 * their subtree. Filters by status, 入会时间, 农民工 and name/phone; pages by a range cursor on (from, memberNo).
 */
export async function rosterPage(ctx: Ctx, input: z.output<typeof RosterInput>): Promise<{ rows: RosterRow[]; next: { from: Date; memberNo: string } | null }> {
  const union = await loadFullUnion(ctx.db, input.unionId)
  const officer = ctx.grants.some((g) => g.unionId === union._id && (g.role === 'chair' || g.role === 'vice_chair' || g.role === 'committee'))
  const staff = isStaffOver(ctx.grants, union)
  if (!officer && !staff) throw new AppError('FORBIDDEN', `只有${union.name}的工会干部和上级工会可以查看会员名册`)
  if (input.subtree && !staff) throw new AppError('FORBIDDEN', '只有上级工会干部可以查看下属工会的会员')
  if (input.arrears && input.subtree) throw new AppError('INVALID_INPUT', '拟除名名单请到各基层工会的会员名册中查看', { arrears: '只能按单个工会查看' })
  const _ = ctx.db.command
  const where: Record<string, unknown> = input.subtree ? { unionPath: union._id } : { unionId: union._id }
  if (input.status) where.status = input.status
  // stints from before the question carry no mark: they count as not 农民工
  if (input.migrant === true) where.migrant = true
  else if (input.migrant === false) where.migrant = _.neq(true)
  if (input.arrears) {
    // 拟除名: the union's last six months name them; the roster pages through those members only
    const owing = await arrearsAt(ctx.db, union._id)
    if (owing.size === 0) return { rows: [], next: null }
    where.memberNo = _.in([...owing])
    if (!input.status) where.status = _.in(['active', 'retained'])
  }
  const range = [input.joinedFrom ? _.gte(input.joinedFrom) : null, input.joinedTo ? _.lte(input.joinedTo) : null].filter((c) => c !== null)
  if (range.length === 2) where.joinedAt = _.and(range)
  else if (range.length === 1) where.joinedAt = range[0]

  let people: Map<string, z.infer<typeof Profile>> | null = null
  if (input.keyword) {
    const pattern = escapeRegExp(input.keyword)
    const found = await findMany(
      ctx.db.collection('member_profiles').where(_.or([{ name: ctx.db.RegExp({ regexp: pattern }) }, { phone: ctx.db.RegExp({ regexp: pattern }) }])),
      Profile,
      KEYWORD_PEOPLE,
    )
    people = new Map(found.map((p) => [p._id, p]))
    if (!found.length) return { rows: [], next: null }
    where.openid = _.in([...people.keys()])
  }
  const after = input.after
  const condition = after ? _.and([where, _.or([{ from: _.lt(after.from) }, { from: after.from, memberNo: _.lt(after.memberNo) }])]) : where
  const stints = await findMany(ctx.db.collection('memberships').where(condition).orderBy('from', 'desc').orderBy('memberNo', 'desc'), MembershipRecord, input.limit + 1)
  const shown = stints.slice(0, input.limit)
  if (!people) {
    const ids = [...new Set(shown.map((s) => s.openid))]
    const found = ids.length ? await findMany(ctx.db.collection('member_profiles').where({ _id: _.in(ids) }), Profile, ids.length) : []
    people = new Map(found.map((p) => [p._id, p]))
  }
  const marks = await marksFor(ctx, shown)
  const rows = shown.map((s) => {
    const p = people?.get(s.openid)
    const current = s.status === 'active' || s.status === 'retained'
    const status: RosterStatus = s.status
    return {
      memberNo: s.memberNo,
      from: s.from,
      name: p?.name || '（未填写姓名）',
      phoneMasked: p?.phone ? maskPhone(p.phone) : '',
      unionId: s.unionId,
      unionName: s.unionName,
      status,
      statusLabel: rosterStatusLabel[status],
      joinedAt: s.joinedAt,
      migrant: s.migrant,
      arrears: current && (marks.get(s.unionId)?.arrears.has(s.memberNo) ?? false),
      exempt: current && (marks.get(s.unionId)?.exempt.has(s.memberNo) ?? false),
    }
  })
  const last = shown[shown.length - 1]
  return { rows, next: stints.length > input.limit && last ? { from: last.from, memberNo: last.memberNo } : null }
}

/** 拟除名 and 免缴 of each union on the page (a page of a subtree spans a few unions): six dues documents and the exemptions per union. */
async function marksFor(ctx: Ctx, stints: readonly z.infer<typeof MembershipRecord>[]): Promise<Map<string, { arrears: Set<string>; exempt: Set<string> }>> {
  const unionIds = [...new Set(stints.filter((s) => s.status === 'active' || s.status === 'retained').map((s) => s.unionId))]
  const marks = await Promise.all(
    unionIds.map(async (unionId) => {
      const [arrears, exempt] = await Promise.all([arrearsAt(ctx.db, unionId), exemptionsAt(ctx.db, unionId)])
      return [unionId, { arrears, exempt: new Set(exempt.keys()) }] as const
    }),
  )
  return new Map(marks)
}
