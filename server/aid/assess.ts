import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { AidConfigDoc, type RegionDibao, type SchemeConfig } from '../../shared/aid/config'
import { assessHardship, migrantProblems, type HardshipAssessment } from '../../shared/aid/eligibility'
import type { HouseholdProfile } from '../../shared/aid/household'
import { GrantRecord } from '../../shared/aid/limits'
import { FileDoc, HouseholdDoc } from '../../shared/aid/records'
import { evaluateScheme, type ApplicantFacts, type SchemeVerdict } from '../../shared/aid/verdict'
import { aidYear } from '../../shared/aid/window'
import { Union } from '../../shared/domain/union'
import type { Ctx, Database } from '../context'
import { findById, findMany, findOne } from '../db'
import { AID } from './collections'
import { dibaoOf, loadConfigFor, loadUnion } from './config'
import { memberUnionIds, type Subject } from './subject'

export async function loadHousehold(db: Database, openid: string): Promise<HouseholdDoc | null> {
  return findById(db.collection(AID.households), openid, HouseholdDoc)
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
 * The union whose configuration applies: the one asked for, else the person's own grassroots
 * union, else (someone not yet in any union trying the check) the first federation with a configuration.
 */
export async function unionForCheck(ctx: Ctx, subject: Subject, unionId: string | undefined): Promise<Union> {
  if (unionId) return loadUnion(ctx.db, unionId)
  const own = memberUnionIds(subject.grants)[0] ?? subject.grants[0]?.unionId
  if (own) return loadUnion(ctx.db, own)
  const anyConfig = await findOne(ctx.db.collection(AID.config).where({}).orderBy('_id', 'asc'), z.object({ _id: z.string() }))
  if (!anyConfig) throw new AppError('NOT_FOUND', '还没有工会配置帮扶方案')
  return loadUnion(ctx.db, anyConfig._id)
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
