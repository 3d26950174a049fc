import { AppError } from '../../shared/contract'
import { ProxyDoc } from '../../shared/aid/records'
import { RoleGrant } from '../../shared/domain/union'
import type { Ctx } from '../context'
import { loadGrants } from '../createFunction'
import { findById } from '../db'
import { hasConsent } from '../privacy'
import { AID } from './collections'

/** Roles that may file for a worker of their own union (代办): the union's cadres. */
export const CADRE_ROLES = ['chair', 'vice_chair', 'committee'] as const

/** Whose aid data an action works on: the caller's own, or a worker's under an accepted 代办. */
export interface Subject {
  openid: string
  grants: RoleGrant[]
  proxy: ProxyDoc | null
}

/**
 * The caller themselves, or — with `proxyId` — the worker who accepted this cadre's 代办 request,
 * as long as the worker's consent is in force and the caller still is a cadre of that union.
 */
export async function resolveSubject(ctx: Ctx, proxyId: string | undefined): Promise<Subject> {
  if (!proxyId) return { openid: ctx.openid, grants: ctx.grants, proxy: null }
  const proxy = await findById(ctx.db.collection(AID.proxies), proxyId, ProxyDoc)
  if (!proxy || proxy.cadreOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到这条代办记录')
  if (proxy.status !== 'accepted') throw new AppError('FORBIDDEN', '职工本人还没有同意由您代办')
  if (!ctx.grants.some((g) => g.unionId === proxy.unionId && (CADRE_ROLES as readonly string[]).includes(g.role))) {
    throw new AppError('FORBIDDEN', '只有该职工所在工会的干部才能代办')
  }
  if (!(await hasConsent(ctx.db, proxy.workerOpenid, 'proxy_filing', { onBehalfOf: ctx.openid }))) {
    throw new AppError('FORBIDDEN', '职工本人已撤回代办同意，不能继续代办')
  }
  return { openid: proxy.workerOpenid, grants: await loadGrants(ctx.db, proxy.workerOpenid), proxy }
}

/** The grassroots unions a person is a member of (帮扶对象是会员). */
export const memberUnionIds = (grants: readonly RoleGrant[]): string[] => grants.filter((g) => g.role === 'member').map((g) => g.unionId)
