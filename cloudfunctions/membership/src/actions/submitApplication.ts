import type { Handler } from '../../../../server/createFunction'
import { completeProfileOrThrow, requireMembershipConsents } from '../../../../server/membership/profiles'
import { currentStint } from '../../../../server/membership/stints'
import { submitMembershipRequest } from '../../../../server/membership/submit'
import { loadUnion } from '../../../../server/requests/people'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { joinTargetProblem } from '../../../../shared/membership/eligibility'

/**
 * 入会申请 to one union. Refused (CONFLICT) for a member of any union and while another membership
 * request is open; a repeated tap returns the application the first tap made.
 */
export const submitApplication: Handler<typeof membershipActions.submitApplication> = async (input, ctx) => {
  await requireMembershipConsents(ctx, { idNumber: true })
  const profile = await completeProfileOrThrow(ctx)
  const union = await loadUnion(ctx.db, input.unionId)
  const problem = joinTargetProblem(union, profile.workerType)
  if (problem) throw new AppError('INVALID_INPUT', problem, { unionId: problem })
  const current = await currentStint(ctx, profile)
  if (current) throw new AppError('CONFLICT', `您已经是${current.unionName}的会员，不能重复入会；换了工作单位请办理转会`)
  return submitMembershipRequest(ctx, {
    kind: 'membership.join',
    profile,
    union,
    employer: input.employer,
    job: input.job,
    reason: '',
    from: null,
  })
}
