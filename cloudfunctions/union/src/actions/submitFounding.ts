import type { Handler } from '../../../../server/createFunction'
import { submitRequest } from '../../../../server/requests/engine'
import { txSet } from '../../../../server/requests/tx'
import { FOUNDINGS, FOUNDING_KIND, type FoundingRecord } from '../../../../server/union/foundingKind'
import { loadFullUnion } from '../../../../server/union/office'
import { newUnionId, refuseTakenCreditCode } from '../../../../server/union/register'
import { freshInviteCode } from '../../../../server/union/root'
import { withoutId } from '../../../../server/db'
import { AppError } from '../../../../shared/contract'
import { requestStatusLabel } from '../../../../shared/requests/state'
import type { unionActions } from '../../../../shared/union/actions'

/**
 * 建会申请: after its founding meeting, a workplace asks the federation of its 属地 to approve the
 * new union. One open application per employer (统一社会信用代码).
 */
export const submitFounding: Handler<typeof unionActions.submitFounding> = async ({ parentId, meeting, ...reg }, ctx) => {
  const parent = await loadFullUnion(ctx.db, parentId)
  if (parent.level === 'grassroots' || parent.dissolvedAt) {
    throw new AppError('INVALID_INPUT', '请选择单位所在街道（乡镇）的工会联合会或区总工会', { parentId: '请选择上级工会' })
  }
  if (meeting.heldOn.getTime() > ctx.now.getTime()) throw new AppError('INVALID_INPUT', '成立大会召开后才能提交建会申请', { 'meeting.heldOn': '日期不能晚于今天' })
  await refuseTakenCreditCode(ctx.db, reg.creditCode)
  const founding: FoundingRecord = {
    ...reg,
    _id: `fd-${newUnionId().slice(2)}`,
    openid: ctx.openid,
    parentId,
    meeting,
    unionId: newUnionId(),
    inviteCode: await freshInviteCode(ctx.db),
    outcome: 'pending',
    createdAt: ctx.now,
  }
  const request = await submitRequest(
    ctx,
    {
      kind: FOUNDING_KIND,
      unionId: parent._id,
      summary: { title: `${reg.employer.slice(0, 32)}建会申请`, subtitle: `${reg.industry} · 职工${reg.employeeCount}人` },
      subjectRef: { collection: FOUNDINGS, id: founding._id },
      applicantName: meeting.chairName,
      exclusiveKey: `founding:${reg.creditCode}`,
      exclusiveMessage: '这家单位已有一份建会申请正在办理，请等待上级工会审批',
    },
    { inTransaction: async (tx) => txSet(tx, FOUNDINGS, founding._id, withoutId(founding)) },
  )
  return { requestId: request._id, status: requestStatusLabel[request.status] }
}
