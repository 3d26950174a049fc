import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findById } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { loadUnion } from '../../../../server/aid/config'
import { deliver, tellAidProgress } from '../../../../server/aid/messages'
import { toProxyView } from '../../../../server/aid/proxy'
import { recordConsent } from '../../../../server/privacy'
import { runInTransaction, txUpdate } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../../../shared/aid/consent'
import { ProxyDoc } from '../../../../shared/aid/records'

/** 代办, step 2: the worker agrees (the consent is recorded with the answer) or declines. */
export const answerProxy: Handler<typeof aidActions.answerProxy> = async ({ proxyId, accept, version }, ctx) => {
  const proxy = await findById(ctx.db.collection(AID.proxies), proxyId, ProxyDoc)
  if (!proxy || proxy.workerOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到这条代办请求')
  if (proxy.status !== 'pending') throw new AppError('CONFLICT', '这条代办请求已经答复过了')
  if (accept && version !== AID_CONSENT_VERSION) throw new AppError('CONFLICT', '说明内容已经更新，请重新阅读后再同意')
  const union = await loadUnion(ctx.db, proxy.unionId)
  const status = accept ? ('accepted' as const) : ('declined' as const)
  const sent: string[] = []
  await runInTransaction(ctx.db, async (tx) => {
    sent.length = 0
    await txUpdate(tx, AID.proxies, proxy._id, { status, answeredAt: ctx.now })
    if (accept) await recordConsent(tx, { openid: ctx.openid, purpose: 'proxy_filing', version, onBehalfOf: proxy.cadreOpenid, at: ctx.now })
    sent.push(
      await tellAidProgress(tx, {
        toOpenid: proxy.cadreOpenid,
        scheme: '帮扶申请代办',
        status: accept ? '已通过' : '已驳回',
        remark: accept ? '职工已同意代办' : '职工不同意代办',
        body: accept ? '您请求代办的职工已同意，可以开始为其填写帮扶申请。' : '您请求代办的职工没有同意代办。',
        page: `packages/aid/proxy/index?id=${proxy._id}`,
        at: ctx.now,
      }),
    )
  })
  await deliver(ctx, sent)
  return { proxy: toProxyView({ ...proxy, status, answeredAt: ctx.now }, ctx.openid, union.name) }
}
