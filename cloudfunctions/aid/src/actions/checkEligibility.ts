import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { evaluateHousehold, loadHousehold, unionForCheck } from '../../../../server/aid/assess'
import { resolveSubject } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'
import { hardshipLevelLabel } from '../../../../shared/aid/config'

/**
 * 自测: anyone can run their numbers (saved or typed in just now) through every scheme and read,
 * in plain words, what the numbers are, which level they mean and what they may apply for.
 */
export const checkEligibility: Handler<typeof aidActions.checkEligibility> = async (input, ctx) => {
  const subject = await resolveSubject(ctx, input.proxyId)
  const saved = await loadHousehold(ctx.db, subject.openid)
  const profile = input.profile ?? saved?.profile
  if (!profile) throw new AppError('INVALID_INPUT', '请先填写家庭情况再测算', { profile: '请先填写家庭情况' })
  const { union, basis } = await unionForCheck(ctx, subject, input.unionId)
  const e = await evaluateHousehold(ctx, subject, union, profile, saved?.householdKey ?? null)
  return {
    unionName: union.name,
    basis,
    region: e.dibao.region,
    dibaoFen: e.dibao.monthlyFen,
    dibaoIsDemo: e.dibao.isDemoValue,
    isMember: e.isMember,
    onFile: e.onFile,
    level: e.assessment.level,
    levelLabel: e.assessment.level ? hardshipLevelLabel[e.assessment.level] : '按收入不属于困难家庭',
    figures: e.assessment.figures,
    lines: e.assessment.lines,
    migrantProblems: e.migrantProblems,
    schemes: e.verdicts,
    usedSavedProfile: input.profile === undefined,
  }
}
