import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { loadProfile } from '../../../../server/membership/profiles'
import { UnionRecord } from '../../../../shared/domain/union'
import type { membershipActions } from '../../../../shared/membership/actions'
import { suggestUnions as order, unionMatchLabel } from '../../../../shared/membership/eligibility'
import { escapeRegExp } from '../../../../shared/union/search'

const EMPLOYER_SUFFIX = /(有限责任公司|股份有限公司|有限公司|公司|工会)$/

/**
 * Unions for this worker, from the profile: their employer's grassroots union, 新就业形态 unions for
 * gig workers, and street/town federations (属地) for workers whose employer has no union.
 */
export const suggestUnions: Handler<typeof membershipActions.suggestUnions> = async (_input, ctx) => {
  const profile = await loadProfile(ctx, ctx.openid)
  const employer = profile?.employer.trim() ?? ''
  const workerType = profile?.workerType ?? 'employee'
  const unions = ctx.db.collection('unions')
  const core = employer.replace(/\s/g, '').replace(EMPLOYER_SUFFIX, '')
  const [byEmployer, gig, streets] = await Promise.all([
    core.length >= 2
      ? findMany(unions.where({ level: 'grassroots', employer: ctx.db.RegExp({ regexp: escapeRegExp(core), options: 'i' }) }).orderBy('name', 'asc'), UnionRecord, 10)
      : Promise.resolve([]),
    workerType === 'gig' ? findMany(unions.where({ acceptsGigWorkers: true }).orderBy('name', 'asc'), UnionRecord, 20) : Promise.resolve([]),
    findMany(unions.where({ level: 'street' }).orderBy('name', 'asc'), UnionRecord, 50),
  ])
  const items = order([...byEmployer, ...gig, ...streets], { employer, workerType })
  return { items: items.map(({ union, match }) => ({ union, match, matchLabel: unionMatchLabel[match] })) }
}
