import type { Handler } from '../../../../server/createFunction'
import { completeProfileOrThrow, requireMembershipConsents } from '../../../../server/membership/profiles'
import { currentStint } from '../../../../server/membership/stints'
import { submitMembershipRequest } from '../../../../server/membership/submit'
import { loadUnion } from '../../../../server/requests/people'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { joinTargetProblem } from '../../../../shared/membership/eligibility'
import { transferProblem } from '../../../../shared/membership/transfer'

/** 转会 to the new employer's union (or the 属地 federation): the old union releases, the new one accepts. */
export const requestTransfer: Handler<typeof membershipActions.requestTransfer> = async (input, ctx) => {
  await requireMembershipConsents(ctx, { idNumber: true })
  const profile = await completeProfileOrThrow(ctx)
  const current = await currentStint(ctx, profile)
  const problem = transferProblem({ currentUnionId: current?.unionId ?? null, toUnionId: input.toUnionId, hasOpenRequest: false })
  if (problem || !current) throw new AppError('CONFLICT', problem ?? '您当前没有可转出的会籍')
  const union = await loadUnion(ctx.db, input.toUnionId)
  const target = joinTargetProblem(union, profile.workerType)
  if (target) throw new AppError('INVALID_INPUT', target, { toUnionId: target })
  return submitMembershipRequest(ctx, {
    kind: 'membership.transfer',
    profile,
    union,
    employer: input.employer,
    job: input.job,
    reason: input.reason,
    from: current,
  })
}
