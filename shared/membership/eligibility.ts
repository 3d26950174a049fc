import type { Union } from '../domain/union'
import type { WorkerType } from './schemas'

/**
 * Which union may take an application (《工会会员会籍管理办法》; Beijing 2020 rules, domain.md A2):
 * the grassroots union of the employer; when the employer has no union, the street/town federation
 * where the worker lives or works (属地); for new-employment-form workers, a union that accepts them.
 * A district federation (区总工会) does not register individual members.
 */
export function joinTargetProblem(union: Pick<Union, 'level' | 'acceptsGigWorkers'>, workerType: WorkerType): string | null {
  if (union.level === 'grassroots') return null
  if (union.acceptsGigWorkers) {
    return workerType === 'gig' ? null : '新就业形态工会联合会面向快递员、外卖骑手、网约车司机等，请选择您单位或所在街道的工会'
  }
  if (union.level === 'federation') return '区县总工会不直接受理个人入会，请选择您单位的工会或所在街道（乡镇）工会联合会'
  return null
}

/** How a union relates to what the worker told us, for ordering and explaining the choices. */
export type UnionMatch = 'employer' | 'gig' | 'territory'
export const unionMatchLabel: Record<UnionMatch, string> = {
  employer: '您单位的工会',
  gig: '新就业形态工会',
  territory: '属地工会（单位未建工会时）',
}

const normalise = (s: string) => s.replace(/[\s（）()·,，.。]/g, '').replace(/有限责任公司|股份有限公司|有限公司|公司$/g, '')

/** Whether the employer a worker typed names the same employer as a union's record. */
export function employerMatches(typed: string, unionEmployer: string): boolean {
  const a = normalise(typed)
  const b = normalise(unionEmployer)
  if (a.length < 2 || b.length < 2) return false
  return a === b || a.includes(b) || b.includes(a)
}

/**
 * Orders candidate unions for a worker: their employer's union first, then (for gig workers)
 * unions that accept them, then street/town federations (属地). Others are dropped.
 */
export function suggestUnions<U extends Pick<Union, '_id' | 'level' | 'employer' | 'acceptsGigWorkers'>>(
  candidates: readonly U[],
  worker: { employer: string; workerType: WorkerType },
): Array<{ union: U; match: UnionMatch }> {
  const out: Array<{ union: U; match: UnionMatch }> = []
  const add = (match: UnionMatch, pick: (u: U) => boolean) => {
    for (const u of candidates) if (pick(u) && !out.some((o) => o.union._id === u._id)) out.push({ union: u, match })
  }
  add('employer', (u) => u.level === 'grassroots' && employerMatches(worker.employer, u.employer))
  if (worker.workerType === 'gig') add('gig', (u) => u.acceptsGigWorkers)
  add('territory', (u) => u.level === 'street' && !u.acceptsGigWorkers)
  return out
}
