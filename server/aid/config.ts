import { AppError } from '../../shared/contract'
import { AidConfigDoc, dibaoFor, schemeOf, type RegionDibao, type SchemeCode, type SchemeConfig } from '../../shared/aid/config'
import { Union } from '../../shared/domain/union'
import type { Step } from '../../shared/requests/schemas'
import type { Database } from '../context'
import { findById, findMany } from '../db'
import { AID } from './collections'

/** A union's configuration: the nearest union on its path (itself first, then up) that has one. */
export async function loadConfigFor(db: Database, union: Pick<Union, 'path'>): Promise<AidConfigDoc> {
  const candidates = [...union.path].reverse()
  const _ = db.command
  const found = await findMany(db.collection(AID.config).where({ _id: _.in(candidates) }), AidConfigDoc, 10)
  for (const id of candidates) {
    const config = found.find((c) => c._id === id)
    if (config) return config
  }
  throw new AppError('NOT_FOUND', '您所在的工会还没有配置帮扶方案，请联系上级工会')
}

export function requireScheme(config: AidConfigDoc, code: SchemeCode): SchemeConfig {
  const scheme = schemeOf(config, code)
  if (!scheme) throw new AppError('NOT_FOUND', '这个帮扶项目目前没有开放')
  return scheme
}

/** 低保 for the union's region; falls back to the first configured region (and says so in the label). */
export function dibaoOf(config: AidConfigDoc, union: Pick<Union, 'region'>): RegionDibao {
  return dibaoFor(config, union.region) ?? config.dibao[0]
}

export async function loadUnion(db: Database, unionId: string): Promise<Union> {
  const union = await findById(db.collection('unions'), unionId, Union)
  if (!union) throw new AppError('NOT_FOUND', '没有找到这个工会，请重新选择')
  return union
}

/** The union's ancestors and itself, root first. */
async function lineage(db: Database, union: Union): Promise<Union[]> {
  const _ = db.command
  const found = await findMany(db.collection('unions').where({ _id: _.in(union.path) }), Union, 10)
  return union.path.map((id) => found.find((u) => u._id === id)).filter((u): u is Union => u !== undefined)
}

/**
 * The approval chain of a scheme for an application to `target` (a grassroots union): each configured
 * desk resolved on the union's own path — 基层 is the union itself, 街道 the nearest street federation
 * above it (or the district when there is none), 区县 the nearest federation. Also returns which desks
 * must write a home-visit note (入户调查) before approving.
 */
export async function resolveChain(db: Database, target: Union, scheme: SchemeConfig): Promise<{ steps: Step[]; homeVisitSteps: number[] }> {
  if (target.level !== 'grassroots') throw new AppError('INVALID_INPUT', '帮扶申请请向您单位的基层工会提交', { unionId: '请选择您单位的基层工会' })
  const above = (await lineage(db, target)).reverse()
  const steps: Step[] = []
  const homeVisitSteps: number[] = []
  for (const desk of scheme.chain) {
    const union =
      desk.at === 'grassroots'
        ? target
        : desk.at === 'street'
          ? (above.find((u) => u.level === 'street') ?? above.find((u) => u.level === 'federation'))
          : above.find((u) => u.level === 'federation')
    if (!union) throw new AppError('NOT_FOUND', '上级工会没有找到，帮扶申请暂时无法提交，请联系工会')
    const at = steps.findIndex((s) => s.unionId === union._id)
    if (at >= 0) {
      if (desk.homeVisit && !homeVisitSteps.includes(at)) homeVisitSteps.push(at)
      continue
    }
    if (desk.homeVisit) homeVisitSteps.push(steps.length)
    steps.push({ unionId: union._id, unionPath: union.path, unionName: union.name, roles: desk.roles, label: desk.label })
  }
  return { steps, homeVisitSteps }
}
