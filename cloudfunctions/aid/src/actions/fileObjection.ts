import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findById } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { deliver, tellAidProgress } from '../../../../server/aid/messages'
import { sealText } from '../../../../server/aid/sealed'
import { newId } from '../../../../server/notify/enqueue'
import { advanceRequest, loadRequest } from '../../../../server/requests/engine'
import { reviewerOpenids } from '../../../../server/requests/people'
import { runInTransaction, txAdd, txGet, txUpdate, type Transaction } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { ApplicationDoc, NoticeDoc, type ObjectionDoc } from '../../../../shared/aid/records'

const MESSAGE = '异议已提交，公示暂停，将由审批人复核。您的姓名不会告诉申请人。'

/**
 * 异议: anyone in the notice's union (members and cadres; staff above it) may object while it runs.
 * The request goes back to the last desk (the approver), who approves again (异议不成立) or rejects
 * (异议成立: the approval is revoked and the money returns to the fund).
 */
export const fileObjection: Handler<typeof aidActions.fileObjection> = async ({ noticeId, text }, ctx) => {
  const notice = await findById(ctx.db.collection(AID.notices), noticeId, NoticeDoc)
  if (!notice || (notice.status !== 'open' && notice.status !== 'paused')) throw new AppError('NOT_FOUND', '这条公示已经结束或不存在')
  const inUnion = ctx.grants.some((g) => g.unionId === notice.unionId || (g.role === 'staff' && notice.unionPath.includes(g.unionId)))
  if (!inUnion) throw new AppError('FORBIDDEN', '只有本单位工会的会员和工会干部可以对这条公示提出异议')
  const app = await findById(ctx.db.collection(AID.applications), notice.applicationId, ApplicationDoc)
  if (!app) throw new AppError('NOT_FOUND', '这条公示已经结束或不存在')
  if (app.applicantOpenid === ctx.openid || app.filedByOpenid === ctx.openid) throw new AppError('FORBIDDEN', '不能对自己的申请提出异议')

  const objectionId = newId()
  const objection: ObjectionDoc = { _id: objectionId, noticeId, applicationId: app._id, requestId: app.requestId, byOpenid: ctx.openid, text: sealText(text), at: ctx.now, status: 'open', resolvedAt: null }
  const record = async (tx: Transaction, pause: boolean) => {
    const fresh = ApplicationDoc.parse({ _id: app._id, ...Object(await txGet(tx, AID.applications, app._id)) })
    await txAdd(tx, AID.objections, objection)
    await txUpdate(tx, AID.applications, app._id, {
      objectionIds: [...fresh.objectionIds, objectionId].slice(-50),
      ...(pause ? { stage: 'objection', events: [...fresh.events, { at: ctx.now, text: '公示期间收到异议，公示暂停，由审批人复核' }] } : {}),
      updatedAt: ctx.now,
    })
    if (pause) await txUpdate(tx, AID.notices, notice._id, { status: 'paused', updatedAt: ctx.now })
  }

  const request = await loadRequest(ctx, app.requestId)
  if (request.status === 'publicized' && app.stage === 'publicized') {
    // the engine reopens the last desk and reminds its reviewers (待审批) in the same transaction. The move is
    // the system's: the request history (which the applicant reads) must not name the objector; the
    // objection record keeps who filed it.
    await advanceRequest(
      { ...ctx, openid: '', grants: [] },
      { requestId: request._id, expectedVersion: request.version, to: 'in_review', step: request.chain.length - 1, note: '公示期间收到异议，退回审批人复核' },
      { authorized: true, inTransaction: (tx) => record(tx, true) },
    )
    return { objectionId, message: MESSAGE }
  }
  if (app.stage !== 'objection') throw new AppError('CONFLICT', '这条公示刚刚发生了变化，请刷新后再看')
  // already under review: add this objection and tell the approvers
  const approvers = await reviewerOpenids(ctx.db, request.chain[request.chain.length - 1])
  const sent: string[] = []
  await runInTransaction(ctx.db, async (tx) => {
    sent.length = 0
    await record(tx, false)
    for (const to of approvers) {
      sent.push(await tellAidProgress(tx, { toOpenid: to, scheme: app.scheme, status: '审批中', remark: '公示收到新的异议', body: `${app.publicName}的${notice.unitName}帮扶公示又收到一条异议，请一并复核。`, applicationId: app._id, requestId: app.requestId, at: ctx.now }))
    }
  })
  await deliver(ctx, sent)
  return { objectionId, message: MESSAGE }
}
