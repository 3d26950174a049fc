import { z } from 'zod'
import { MembershipRecord, membershipKindLabel, type MemberProfileRecord } from '../../shared/membership/records'
import type { MembershipView, OpenRequestView, StintView } from '../../shared/membership/schemas'
import { stintStatusLabel } from '../../shared/membership/status'
import { RequestStatus, requestStatusLabel } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'

export const MEMBERSHIPS = 'memberships'
/** Nobody changes union 50 times; the history page shows them all. */
const HISTORY_LIMIT = 50

export function loadStint(ctx: Pick<Ctx, 'db'>, id: string): Promise<MembershipRecord | null> {
  return findById(ctx.db.collection(MEMBERSHIPS), id, MembershipRecord)
}

/** The person's current (active or retained) stint, read from the profile's pointer. */
export async function currentStint(ctx: Pick<Ctx, 'db'>, profile: MemberProfileRecord | null): Promise<MembershipRecord | null> {
  if (!profile?.currentMembershipId) return null
  const stint = await loadStint(ctx, profile.currentMembershipId)
  return stint && (stint.status === 'active' || stint.status === 'retained') ? stint : null
}

export function stintView(s: MembershipRecord): StintView {
  return {
    id: s._id,
    unionId: s.unionId,
    unionName: s.unionName,
    memberNo: s.memberNo,
    from: s.from,
    to: s.to,
    status: s.status,
    statusLabel: stintStatusLabel[s.status],
    retainReason: s.retainReason,
  }
}

const OpenRequestDoc = z.object({ _id: z.string(), status: RequestStatus, submittedAt: z.date(), closedAt: z.date().nullable() })

/** Everything a person's membership page shows: the current stint, the history, the request in progress. */
export async function membershipView(ctx: Pick<Ctx, 'db'>, profile: MemberProfileRecord | null): Promise<MembershipView> {
  if (!profile) return { current: null, history: [], openRequest: null }
  const stints = await findMany(ctx.db.collection(MEMBERSHIPS).where({ openid: profile.openid }).orderBy('from', 'desc'), MembershipRecord, HISTORY_LIMIT)
  const current = stints.find((s) => s._id === profile.currentMembershipId && (s.status === 'active' || s.status === 'retained')) ?? null
  let openRequest: OpenRequestView | null = null
  const ref = profile.openRequest
  if (ref) {
    const request = await findById(ctx.db.collection('requests'), ref.requestId, OpenRequestDoc)
    const unionName = await findById(ctx.db.collection('unions'), ref.unionId, z.object({ name: z.string() }))
    if (request && request.closedAt === null) {
      openRequest = {
        requestId: ref.requestId,
        kind: ref.kind,
        kindLabel: membershipKindLabel[ref.kind],
        unionName: unionName?.name ?? '',
        status: request.status,
        statusLabel: requestStatusLabel[request.status],
        submittedAt: request.submittedAt,
      }
    }
  }
  return { current: current ? stintView(current) : null, history: stints.map(stintView), openRequest }
}
