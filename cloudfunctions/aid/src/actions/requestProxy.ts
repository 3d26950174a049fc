import { z } from 'zod'
import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findById, withoutId } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { loadUnion } from '../../../../server/aid/config'
import { deliver, tellAidProgress } from '../../../../server/aid/messages'
import { memberName, toProxyView } from '../../../../server/aid/proxy'
import { CADRE_ROLES } from '../../../../server/aid/subject'
import { newId } from '../../../../server/notify/enqueue'
import { displayName } from '../../../../server/requests/people'
import { runInTransaction } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import type { ProxyDoc } from '../../../../shared/aid/records'

const MemberRole = z.object({ openid: z.string(), unionId: z.string(), role: z.string() })

/**
 * 代办, step 1: a cadre asks a member of their union for consent to file on their behalf. The worker
 * answers in their own WeChat (answerProxy); nothing can be filed for them before they agree.
 */
export const requestProxy: Handler<typeof aidActions.requestProxy> = async ({ roleId }, ctx) => {
  const role = await findById(ctx.db.collection('roles'), roleId, MemberRole)
  if (!role || role.role !== 'member') throw new AppError('NOT_FOUND', '没有找到这位会员')
  if (!ctx.grants.some((g) => g.unionId === role.unionId && (CADRE_ROLES as readonly string[]).includes(g.role))) {
    throw new AppError('FORBIDDEN', '只有本工会的干部可以为会员代办帮扶申请')
  }
  if (role.openid === ctx.openid) throw new AppError('INVALID_INPUT', '不能为自己代办，请直接申请', { roleId: '不能选择自己' })
  const union = await loadUnion(ctx.db, role.unionId)
  const proxy: ProxyDoc = {
    _id: newId(),
    cadreOpenid: ctx.openid,
    cadreName: await displayName(ctx.db, ctx.openid, '工会干部'),
    workerOpenid: role.openid,
    workerName: await memberName(ctx.db, role.openid, '会员'),
    unionId: role.unionId,
    status: 'pending',
    createdAt: ctx.now,
    answeredAt: null,
  }
  const sent: string[] = []
  await runInTransaction(ctx.db, async (tx) => {
    sent.length = 0
    await tx.collection(AID.proxies).doc(proxy._id).set({ data: withoutId(proxy) })
    sent.push(
      await tellAidProgress(tx, {
        toOpenid: proxy.workerOpenid,
        scheme: '帮扶申请代办',
        status: '待审核',
        remark: '请确认是否同意代办',
        body: `${union.name}的${proxy.cadreName}想帮您填写帮扶申请，请打开小程序确认是否同意。`,
        page: `packages/aid/proxy/index?id=${proxy._id}`,
        at: ctx.now,
      }),
    )
  })
  await deliver(ctx, sent)
  return { proxy: toProxyView(proxy, ctx.openid, union.name) }
}
