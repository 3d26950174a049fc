import { AppError } from '../../shared/contract'
import type { MembershipView } from '../../shared/membership/schemas'
import { changeStint, type RetainReason, type StintChange } from '../../shared/membership/status'
import type { Ctx } from '../context'
import { MemberProfileRecord } from '../../shared/membership/records'
import { runInTransaction, txGet, txRemove, txUpdate } from '../requests/tx'
import { readCurrentStint } from './kinds/common'
import { loadProfile, PROFILES } from './profiles'
import { MEMBERSHIPS, membershipView } from './stints'
import { stintClosed } from '../stats/tally'

/** Offices that must be handed over before their holder leaves the union. */
const OFFICES = ['chair', 'vice_chair', 'committee'] as const

/**
 * 保留会籍 / 恢复 / 退会 on the caller's current stint, in one transaction with the role and the
 * profile pointer. Not while a join or transfer is in progress: that request decides first.
 */
export async function changeMyStint(ctx: Ctx, change: Exclude<StintChange, 'transferOut'>, retainReason: RetainReason | null = null): Promise<MembershipView> {
  await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, PROFILES, ctx.openid)
    const profile = raw === null ? null : MemberProfileRecord.parse(raw)
    const stint = profile ? await readCurrentStint(tx, profile) : null
    if (!profile || !stint) throw new AppError('CONFLICT', '您目前没有会籍')
    if (profile.openRequest) throw new AppError('CONFLICT', '您有一份入会或转会申请正在办理中，请等处理完成后再办理')
    const next = changeStint(stint.status, change)
    if (!next.ok) throw new AppError('CONFLICT', next.reason)
    if (change === 'leave' && ctx.grants.some((g) => g.unionId === stint.unionId && OFFICES.some((o) => o === g.role))) {
      throw new AppError('CONFLICT', '您在本工会担任职务，请先办理职务交接后再退会')
    }
    const closes = next.status === 'left'
    await txUpdate(tx, MEMBERSHIPS, stint._id, {
      status: next.status,
      retainReason: next.status === 'retained' ? retainReason : null,
      ...(closes ? { to: ctx.now } : {}),
      updatedAt: ctx.now,
    })
    if (closes) {
      await txRemove(tx, 'roles', stint.roleId)
      await txUpdate(tx, PROFILES, profile._id, { currentMembershipId: null, updatedAt: ctx.now })
      await stintClosed(ctx, tx, stint, next.status, ctx.now, profile.gender)
    }
  })
  return membershipView(ctx, await loadProfile(ctx, ctx.openid))
}
