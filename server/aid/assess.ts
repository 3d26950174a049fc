import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { AidConfigDoc, type RegionDibao, type SchemeConfig } from '../../shared/aid/config'
import { assessHardship, migrantProblems, type HardshipAssessment } from '../../shared/aid/eligibility'
import type { HouseholdProfile } from '../../shared/aid/household'
import { GrantRecord } from '../../shared/aid/limits'
import { FileDoc, StoredHouseholdDoc, type HouseholdDoc } from '../../shared/aid/records'
import { evaluateScheme, type ApplicantFacts, type SchemeVerdict } from '../../shared/aid/verdict'
import { aidYear } from '../../shared/aid/window'
import { Union } from '../../shared/domain/union'
import type { Ctx, Database } from '../context'
import { findById, findMany, findOne } from '../db'
import { AID } from './collections'
import { householdIdOf } from './family'
import { openHousehold } from './sealed'
import { dibaoOf, loadConfigFor, loadUnion } from './config'
import { memberUnionIds, type Subject } from './subject'
import { loadProfile } from '../membership/profiles'

/** The household (the family) a person's aid data lives in: their own, or the one they joined. */
export async function loadHousehold(db: Database, openid: string): Promise<HouseholdDoc | null> {
  const stored = await findById(db.collection(AID.households), await householdIdOf(db, openid), StoredHouseholdDoc)
  return stored ? openHousehold(stored) : null
}

export async function isOnFile(db: Database, householdKey: string | null): Promise<boolean> {
  if (!householdKey) return false
  const file = await findById(db.collection(AID.files), householdKey, FileDoc)
  return file?.status === 'active'
}

/** Everything a household has been granted (all years; the rules pick the year). */
export async function grantsOf(db: Database, householdKey: string | null): Promise<GrantRecord[]> {
  if (!householdKey) return []
  return findMany(db.collection(AID.grants).where({ householdKey }), GrantRecord, 100)
}

/**
 * The union whose configuration applies, and in words which one it is: the one asked for, else the
 * person's own union, else (not yet a member) the union she would join — her workplace's grassroots
 * union from her profile, else the street federation of her 属地 — and only when neither is known the
 * first federation with a configuration.
 */
export async function unionForCheck(ctx: Ctx, subject: Subject, unionId: string | undefined): Promise<{ union: Union; basis: string }> {
  if (unionId) {
    const union = await loadUnion(ctx.db, unionId)
    return { union, basis: `按${union.name}的帮扶标准测算` }
  }
  const own = memberUnionIds(subject.grants)[0] ?? subject.grants[0]?.unionId
  if (own) {
    const union = await loadUnion(ctx.db, own)
    return { union, basis: `按您所在的${union.name}的帮扶标准测算` }
  }
  const profile = await loadProfile(ctx, subject.openid)
  if (profile?.employer) {
    const union = await findOne(ctx.db.collection('unions').where({ employer: profile.employer, level: 'grassroots' }).orderBy('_id', 'asc'), Union)
    if (union) return { union, basis: `您还不是会员，按您工作单位的${union.name}（入会后您所在的工会）的帮扶标准测算` }
  }
  if (profile?.area) {
    const area = profile.area.trim()
    const streets = await findMany(ctx.db.collection('unions').where({ level: 'street' }).orderBy('_id', 'asc'), Union, 100)
    const union = streets.find((u) => u.region.endsWith(area) || u.name.startsWith(area))
    if (union) return { union, basis: `您还不是会员，按您所在${area}的${union.name}的帮扶标准测算` }
  }
  const anyConfig = await findOne(ctx.db.collection(AID.config).where({}).orderBy('_id', 'asc'), z.object({ _id: z.string() }))
  if (!anyConfig) throw new AppError('NOT_FOUND', '还没有工会配置帮扶方案')
  const union = await loadUnion(ctx.db, anyConfig._id)
  return { union, basis: `没有找到您单位或所在街道的工会，暂按${union.name}的帮扶标准测算；在“我的”里填写工作单位后结果更准确` }
}

export interface Evaluation {
  union: Union
  config: AidConfigDoc
  dibao: RegionDibao
  isMember: boolean
  onFile: boolean
  assessment: HardshipAssessment
  migrantProblems: string[]
  verdicts: SchemeVerdict[]
}

/** Runs the household through every enabled scheme of the union's configuration. */
export async function evaluateHousehold(
  ctx: Ctx,
  subject: Subject,
  union: Union,
  profile: HouseholdProfile,
  householdKey: string | null,
  options: { ignoreWindow?: boolean } = {},
): Promise<Evaluation> {
  const config = await loadConfigFor(ctx.db, union)
  const dibao = dibaoOf(config, union)
  const isMember = union.level === 'grassroots' ? memberUnionIds(subject.grants).includes(union._id) : memberUnionIds(subject.grants).length > 0
  const [onFile, grants] = await Promise.all([isOnFile(ctx.db, householdKey), grantsOf(ctx.db, householdKey)])
  const assessment = assessHardship(profile, dibao)
  const problems = migrantProblems(profile.worker, { isMember, now: ctx.now, minMonths: config.migrantMinEmploymentMonths })
  const enabled = config.schemes.filter((s) => s.enabled)
  const verdicts = enabled.map((scheme: SchemeConfig) => {
    const facts: ApplicantFacts = {
      isMember,
      onFile,
      migrantProblems: problems,
      householdKey,
      grantsThisYear: grants,
      year: aidYear(scheme.window, ctx.now),
      ignoreWindow: options.ignoreWindow,
    }
    return evaluateScheme(scheme, enabled, profile, assessment, facts, ctx.now)
  })
  return { union, config, dibao, isMember, onFile, assessment, migrantProblems: problems, verdicts }
}
