import { membershipKindLabel } from '../../../shared/membership/records'
import { registerKind, reviewStep, type RequestKind } from '../../requests/registry'
import { AppError } from '../../../shared/contract'
import { describeApplication, loadApplication, nextMemberNo, onMembershipTransition, openStint, readApplication, readCurrentStint, readProfile, settleProfile } from './common'
import { stintOpened } from '../../stats/tally'

/** Where the applicant's result message lands: their own timeline, not the reviewers' page. */
export const statusPage = (requestId: string) => `packages/membership/status/index?id=${requestId}`

/**
 * 入会申请: reviewed by the chair (and approver vice-chairs) of the union applied to (章程 Art. 2:
 * the grassroots committee approves and issues the card). On approval, in the same transaction:
 * a member number from the counter, the first stint, the member role, and the profile pointer.
 */
export const joinKind: RequestKind = registerKind({
  kind: 'membership.join',
  label: membershipKindLabel['membership.join'],
  async chain(target) {
    return [reviewStep(target, target.level === 'grassroots' ? '基层工会审核' : '工会联合会审核')]
  },
  async onApproved(tx, request, ctx) {
    const app = await readApplication(tx, request)
    const profile = await readProfile(tx, app.openid)
    const already = await readCurrentStint(tx, profile)
    if (already) throw new AppError('CONFLICT', `申请人已经是${already.unionName}的会员，不能重复入会`)
    const memberNo = await nextMemberNo(tx)
    // 入会时间: membership starts on the day the committee approves (domain.md A2)
    const stint = await openStint(tx, request, app, { memberNo, joinedAt: ctx.now, now: ctx.now })
    await settleProfile(tx, profile, stint._id, app, ctx.now)
    await stintOpened(ctx, tx, stint, app.gender)
  },
  onTransition: onMembershipTransition,
  async describe(request, ctx, viewer) {
    return describeApplication(await loadApplication(ctx, request), request, viewer)
  },
  applicantPage: (request) => statusPage(request._id),
})
