import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { REVIEW_ROLES, Union, canReview, type RoleGrant } from '../../shared/domain/union'
import { EventRecord } from '../../shared/events/schemas'
import type { Entrant } from '../../shared/events/rules'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { loadProfile } from '../membership/profiles'
import { EV } from './collections'

const UserName = z.object({ nickName: z.string() })

/**
 * Who may do what with an event:
 * - organiser: a chair or vice-chair of the organising union, or federation staff above it: edits, publishes, sees everyone;
 * - unit organiser: for a subtree-wide event, the chair or vice-chair of a union inside it: sees, exports and checks in their own unit.
 */
export type EventAccess = { role: 'organiser' } | { role: 'unit'; unionIds: string[] } | { role: 'none' }

const reviewGrants = (grants: readonly RoleGrant[]) => grants.filter((g) => REVIEW_ROLES.includes(g.role))

export function accessTo(grants: readonly RoleGrant[], event: Pick<EventRecord, 'unionId' | 'unionPath' | 'scope'>): EventAccess {
  if (canReview(grants, { _id: event.unionId, path: event.unionPath })) return { role: 'organiser' }
  if (event.scope === 'subtree') {
    const units = reviewGrants(grants).filter((g) => g.unionPath.includes(event.unionId) && g.unionId !== event.unionId)
    if (units.length) return { role: 'unit', unionIds: units.map((g) => g.unionId) }
  }
  return { role: 'none' }
}

export async function loadEvent(ctx: Pick<Ctx, 'db'>, eventId: string): Promise<EventRecord> {
  const event = await findById(ctx.db.collection(EV.events), eventId, EventRecord)
  if (!event) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return event
}

/** An event the caller organises (FORBIDDEN otherwise). */
export async function loadOwnEvent(ctx: Ctx, eventId: string): Promise<EventRecord> {
  const event = await loadEvent(ctx, eventId)
  if (accessTo(ctx.grants, event).role !== 'organiser') throw new AppError('FORBIDDEN', '只有活动的组织工会可以这样做')
  return event
}

/** An event the caller may see: published or later for everybody, drafts only for its organisers. */
export async function loadVisibleEvent(ctx: Ctx, eventId: string): Promise<EventRecord> {
  const event = await loadEvent(ctx, eventId)
  if (event.status === 'draft' && accessTo(ctx.grants, event).role !== 'organiser') throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return event
}

/** The caller's member grant (the union they belong to), or null for a non-member. */
export const memberGrant = (grants: readonly RoleGrant[]): RoleGrant | null => grants.find((g) => g.role === 'member') ?? null

export interface Person extends Entrant {
  name: string
  unionId: string
  unionName: string
  /** last 4 digits of the profile's phone, '' when none: the check-in desk finds people by it */
  phoneTail: string
}

/**
 * The caller as the sign-up rules see them: membership, name, gender and birth year from the profile.
 * The union's name comes from the member grant (or from the event when the person belongs to the
 * organising union); the union is read only for a grant written before grants carried the name, and the
 * WeChat nickname only when the profile has no name: each read is a round trip on every sign-up.
 */
export async function loadPerson(ctx: Ctx, event?: Pick<EventRecord, 'unionId' | 'unionName'>): Promise<Person> {
  const member = memberGrant(ctx.grants)
  const knownUnionName = member ? member.unionName || (event && member.unionId === event.unionId ? event.unionName : null) : null
  const [profile, union] = await Promise.all([
    loadProfile(ctx, ctx.openid),
    member && knownUnionName === null ? findById(ctx.db.collection('unions'), member.unionId, Union) : Promise.resolve(null),
  ])
  const name = profile?.name || (await findById(ctx.db.collection('users'), ctx.openid, UserName))?.nickName || ''
  return {
    name,
    unionId: member?.unionId ?? '',
    unionName: knownUnionName ?? union?.name ?? '',
    phoneTail: profile?.phone ? profile.phone.slice(-4) : '',
    memberUnionPath: member ? member.unionPath : null,
    gender: profile?.gender ?? null,
    birthYear: profile?.birthYear ?? null,
  }
}

/** The unions the caller organises for (chair / vice-chair / staff grants), for the organiser's pages. */
export async function organisedUnions(ctx: Ctx): Promise<Union[]> {
  const ids = [...new Set(reviewGrants(ctx.grants).map((g) => g.unionId))]
  if (ids.length === 0) return []
  const _ = ctx.db.command
  return findMany(ctx.db.collection('unions').where({ _id: _.in(ids) }), Union, 50)
}
