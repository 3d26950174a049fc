import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { actsAtLastDesk, openApplication } from '../../../../server/aid/access'
import { moveFund, readApplication } from '../../../../server/aid/approval'
import { AID } from '../../../../server/aid/collections'
import { deliver, tellAidProgress } from '../../../../server/aid/messages'
import { advanceRequest } from '../../../../server/requests/engine'
import { txGet, txUpdate } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { schemeLabel } from '../../../../shared/aid/config'
import { FundDoc } from '../../../../shared/aid/records'
import { aidPaid } from '../../../../server/stats/tally'

const notYet: Record<string, string> = {
  review: '申请还在审批中，不能发放',
  publicized: '公示还没有结束，结束后才能发放',
  objection: '公示收到异议，复核完成后才能发放',
  disbursed: '这笔帮扶已经发放过了',
  closed: '这份申请已经办结，不能发放',
}

/**
 * 发放: after the 公示, the approving federation records the real-name bank transfer. The committed
 * amount moves to paid on the fund ledger, in the same transaction as the request's 已发放.
 */
export const recordPayment: Handler<typeof aidActions.recordPayment> = async ({ applicationId, reference }, ctx) => {
  const { app, request, grants } = await openApplication(ctx, applicationId)
  if (!actsAtLastDesk(grants, request)) throw new AppError('FORBIDDEN', '发放由负责审批的工会联合会登记')
  if (app.stage !== 'awaiting_payment') throw new AppError('CONFLICT', notYet[app.stage] ?? '现在不能发放')
  const sent: string[] = []
  await advanceRequest(
    ctx,
    { requestId: request._id, expectedVersion: request.version, to: 'disbursed', note: '帮扶款已发放' },
    {
      inTransaction: async (tx) => {
        sent.length = 0
        const fresh = await readApplication(tx, app._id)
        if (fresh.stage !== 'awaiting_payment') throw new AppError('CONFLICT', notYet[fresh.stage] ?? '现在不能发放')
        const fund = FundDoc.parse({ _id: fresh.fundId, ...Object(await txGet(tx, AID.funds, fresh.fundId)) })
        await aidPaid(ctx, tx, fresh)
        await moveFund(tx, fund, { kind: 'pay', amountFen: fresh.amountFen, applicationId: fresh._id, actorOpenid: ctx.openid, note: `${schemeLabel[fresh.scheme]}发放`, at: ctx.now })
        await txUpdate(tx, AID.applications, fresh._id, {
          stage: 'disbursed',
          paidAt: ctx.now,
          paymentRef: reference,
          events: [...fresh.events, { at: ctx.now, text: '帮扶款已打到申请人本人银行卡' }],
          updatedAt: ctx.now,
        })
        sent.push(
          await tellAidProgress(tx, {
            toOpenid: fresh.applicantOpenid,
            scheme: fresh.scheme,
            status: '已发放',
            remark: '请留意银行卡到账',
            body: `您的${schemeLabel[fresh.scheme]}已发放到您本人的银行卡，金额可在小程序中查看。`,
            applicationId: fresh._id,
            requestId: fresh.requestId,
            at: ctx.now,
          }),
        )
      },
    },
  )
  await deliver(ctx, sent)
  return { status: 'disbursed' as const, paidAt: ctx.now }
}
