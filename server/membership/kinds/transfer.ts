import { AppError } from '../../../shared/contract'
import { membershipKindLabel } from '../../../shared/membership/records'
import { loadUnion } from '../../requests/people'
import { registerKind, reviewStep, type RequestKind } from '../../requests/registry'
import { txRemove, txUpdate } from '../../requests/tx'
import { loadProfile } from '../profiles'
import { MEMBERSHIPS, currentStint } from '../stints'
import { describeApplication, loadApplication, onMembershipTransition, openStint, readApplication, readCurrentStint, readProfile, settleProfile } from './common'
import { statusPage } from './join'
import { stintMoved } from '../../stats/tally'

export const RELEASE_STEP = 0
export const ACCEPT_STEP = 1

/**
 * 转会 (会籍接转): the old union releases (转出), the new union accepts (接收); membership moves with
 * the job and the member number and 入会时间 stay (一次入会、动态接转). When the old union does
 * not act within the configured days, the timer releases it (advance submitted → in_review at step 1).
 */
export const transferKind: RequestKind = registerKind({
  kind: 'membership.transfer',
  label: membershipKindLabel['membership.transfer'],
  async chain(target, ctx) {
    const stint = await currentStint(ctx, await loadProfile(ctx, ctx.openid))
    if (!stint) throw new AppError('CONFLICT', '您当前没有可转出的会籍')
    const from = await loadUnion(ctx.db, stint.unionId)
    return [reviewStep(from, '原工会转出'), reviewStep(target, '新工会接收')]
  },
  flow: { edges: [{ from: 'submitted', to: 'in_review' }] },
  // each transfer moves a person's membership between two unions: no batch approval
  batchApprove: false,
  async onApproved(tx, request, ctx) {
    const app = await readApplication(tx, request)
    const profile = await readProfile(tx, app.openid)
    const old = await readCurrentStint(tx, profile)
    if (!old || old._id !== app.fromMembershipId) throw new AppError('CONFLICT', '申请人的会籍已经变化，这份转会申请不能再办理')
    await txUpdate(tx, MEMBERSHIPS, old._id, { status: 'transferred', to: ctx.now, updatedAt: ctx.now })
    await txRemove(tx, 'roles', old.roleId)
    const stint = await openStint(tx, request, app, { memberNo: old.memberNo, joinedAt: old.joinedAt, now: ctx.now })
    await settleProfile(tx, profile, stint._id, app, ctx.now)
    await stintMoved(ctx, tx, old, stint, app.gender)
  },
  onTransition: onMembershipTransition,
  async describe(request, ctx, viewer) {
    return describeApplication(await loadApplication(ctx, request), request, viewer)
  },
  applicantPage: (request) => statusPage(request._id),
})
