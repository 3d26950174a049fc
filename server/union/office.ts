import { createHash } from 'crypto'
import { z } from 'zod'
import { DEFAULT_NICKNAME } from '../../shared/account/schemas'
import { AppError } from '../../shared/contract'
import { Role, roleLabel, type RoleGrant } from '../../shared/domain/union'
import { UNNAMED_OFFICER, UnionFullRecord, type OfficerView, type UnionOffice } from '../../shared/union/admin'
import { mayInvite } from '../../shared/union/invitations'
import { mayDissolve, mayRegisterUnder, mayRemove, mayRename, maySeeOffice, maySetApprover } from '../../shared/union/officers'
import { approvesKind } from '../../shared/requests/access'
import { nameFor } from '../../shared/privacy/mask'
import type { Ctx, Database } from '../context'
import { countDocs, findById, findMany } from '../db'
import '../requests/kinds'
import { allKinds } from '../requests/registry'
import { FOUNDING_KIND } from './foundingKind'

export const NOT_FOUND_MESSAGE = '没有找到这个工会，可能已撤销或合并'

/** A role document as stored, with the chair's approver designation. */
export const OfficeRecord = z.object({
  _id: z.string(),
  openid: z.string(),
  unionId: z.string(),
  unionPath: z.array(z.string()),
  role: Role,
  grantedAt: z.date(),
  approver: z.boolean().optional(),
  /** the kinds of request a vice-chair decides, as the chair designated them */
  approverKinds: z.array(z.string()).optional(),
})
export type OfficeRecord = z.infer<typeof OfficeRecord>

const OFFICES = ['chair', 'vice_chair', 'committee', 'staff'] as const
/** A union has a chair, a few vice-chairs, a committee and some staff: 100 is far above any of them. */
const OFFICERS_LIMIT = 100
const ORDER: Record<string, number> = { chair: 0, vice_chair: 1, committee: 2, staff: 3 }

export async function loadFullUnion(db: Database, unionId: string): Promise<UnionFullRecord> {
  const union = await findById(db.collection('unions'), unionId, UnionFullRecord)
  if (!union) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE)
  return union
}

/** The opaque handle of an office on the union's page (its role document's id names the holder's openid). */
export const officerIdOf = (roleId: string): string => createHash('sha256').update(`officer|${roleId}`).digest('hex').slice(0, 24)

export async function officersOf(db: Database, unionId: string): Promise<OfficeRecord[]> {
  const _ = db.command
  return findMany(db.collection('roles').where({ unionId, role: _.in([...OFFICES]) }), OfficeRecord, OFFICERS_LIMIT)
}

const Named = z.object({ _id: z.string(), nickName: z.string().optional(), name: z.string().optional() })

/** The names officers are known by: the member register's name, else the WeChat nickname. */
async function namesOf(db: Database, openids: string[]): Promise<Map<string, string>> {
  if (!openids.length) return new Map()
  const _ = db.command
  const [profiles, users] = await Promise.all([
    findMany(db.collection('member_profiles').where({ _id: _.in(openids) }), Named, openids.length),
    findMany(db.collection('users').where({ _id: _.in(openids) }), Named, openids.length),
  ])
  const names = new Map<string, string>()
  for (const u of users) if (u.nickName && u.nickName !== DEFAULT_NICKNAME) names.set(u._id, u.nickName)
  for (const p of profiles) if (p.name) names.set(p._id, p.name)
  return names
}

/** Does anyone at the union itself decide its requests (of `kind`, when given)? (chair, or a vice-chair the chair designated) */
export const decidesHere = (officers: readonly OfficeRecord[], kind?: string): boolean =>
  officers.some((o) => o.role === 'chair' || (o.role === 'vice_chair' && approvesKind(o, kind)))

/**
 * The kinds of request a union's officers may be designated for: every kind the engine has, less
 * 建会申请 at a grassroots union (a federation's staff decide those).
 */
export function designatableKinds(union: Pick<UnionFullRecord, 'level'>): Array<{ kind: string; label: string }> {
  return allKinds()
    .filter((k) => union.level !== 'grassroots' || k.kind !== FOUNDING_KIND)
    .map((k) => ({ kind: k.kind, label: k.label }))
}

/** Per kind: whether nobody at the union decides it, so its requests go up a level. */
export const kindsDecided = (union: Pick<UnionFullRecord, 'level'>, officers: readonly OfficeRecord[]) =>
  designatableKinds(union).map((k) => ({ ...k, decidedAbove: !decidesHere(officers, k.kind) }))

/** What the union's page shows after a change of office. */
export async function officeChanged(ctx: Ctx, union: UnionFullRecord) {
  const officers = await officersOf(ctx.db, union._id)
  return { unionId: union._id, officers: await officerViews(ctx.db, officers, ctx.openid), decidedAbove: !decidesHere(officers), kinds: kindsDecided(union, officers) }
}

/** An officer's name as every other person's is shown (maskName), in full to the officer themself. */
const officerName = (name: string | undefined, isMe: boolean): string => (name?.trim() ? nameFor(name, isMe) : UNNAMED_OFFICER)

export async function officerViews(db: Database, officers: readonly OfficeRecord[], me: string): Promise<OfficerView[]> {
  const names = await namesOf(db, [...new Set(officers.map((o) => o.openid))])
  return [...officers]
    .sort((a, b) => ORDER[a.role] - ORDER[b.role] || a.grantedAt.getTime() - b.grantedAt.getTime())
    .map((o) => ({
      officerId: officerIdOf(o._id),
      role: o.role,
      roleLabel: roleLabel[o.role],
      name: officerName(names.get(o.openid), o.openid === me),
      approver: o.role === 'chair' || approvesKind(o),
      approverKinds: o.role === 'chair' ? [] : o.approver === true ? allKinds().map((k) => k.kind) : (o.approverKinds ?? []),
      since: o.grantedAt,
      isMe: o.openid === me,
    }))
}

/** The office behind an officer id at `unionId`, or NOT_FOUND. */
export async function findOffice(db: Database, unionId: string, officerId: string, missing: string): Promise<OfficeRecord> {
  const office = (await officersOf(db, unionId)).find((o) => officerIdOf(o._id) === officerId)
  if (!office) throw new AppError('NOT_FOUND', missing)
  return office
}

export function requireOfficeAccess(grants: readonly RoleGrant[], union: UnionFullRecord): void {
  if (!maySeeOffice(grants, union)) throw new AppError('FORBIDDEN', `只有${union.name}的工会干部和上级工会可以查看`)
}

/** 工会主页: registration data, invite code, officers, member count, and what the caller may do. */
export async function unionOffice(ctx: Ctx, unionId: string): Promise<UnionOffice> {
  const union = await loadFullUnion(ctx.db, unionId)
  requireOfficeAccess(ctx.grants, union)
  const _ = ctx.db.command
  const [officers, memberCount] = await Promise.all([
    officersOf(ctx.db, union._id),
    countDocs(ctx.db.collection('memberships').where({ unionId: union._id, status: _.in(['active', 'retained']) })),
  ])
  const g = ctx.grants
  return {
    union: {
      _id: union._id,
      name: union.name,
      level: union.level,
      parentId: union.parentId,
      region: union.region,
      employer: union.employer,
      acceptsGigWorkers: union.acceptsGigWorkers,
      creditCode: union.creditCode,
      address: union.address,
      industry: union.industry,
      employeeCount: union.employeeCount,
      dissolved: union.dissolvedAt !== null,
    },
    inviteCode: union.inviteCode,
    officers: await officerViews(ctx.db, officers, ctx.openid),
    memberCount,
    may: {
      inviteChair: !union.dissolvedAt && mayInvite(g, union, 'chair'),
      inviteOfficers: !union.dissolvedAt && mayInvite(g, union, 'vice_chair'),
      remove: mayRemove(g, union, 'vice_chair'),
      setApprover: maySetApprover(g, union),
      rename: !union.dissolvedAt && mayRename(g, union),
      dissolve: !union.dissolvedAt && mayDissolve(g, union),
      registerChild: !union.dissolvedAt && mayRegisterUnder(g, union),
      recordDues: !union.dissolvedAt && g.some((x) => x.unionId === union._id && (x.role === 'chair' || x.role === 'vice_chair')),
    },
    decidedAbove: !decidesHere(officers),
    kinds: kindsDecided(union, officers),
  }
}

