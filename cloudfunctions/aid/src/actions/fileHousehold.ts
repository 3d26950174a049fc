import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findById } from '../../../../server/db'
import { actsAtLastDesk, openApplication } from '../../../../server/aid/access'
import { fileHousehold as file } from '../../../../server/aid/approval'
import { AID } from '../../../../server/aid/collections'
import { toFileItem } from '../../../../server/aid/files'
import { runInTransaction, txUpdate } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { FileDoc } from '../../../../shared/aid/records'
import { fileChanged } from '../../../../server/stats/tally'

/**
 * 困难职工认定: the final desk of an approved application, after looking at it, files the household
 * (建档) — a one-off grant does not. Only for a household the assessment found in hardship.
 */
export const fileHousehold: Handler<typeof aidActions.fileHousehold> = async ({ applicationId }, ctx) => {
  const { app, request, grants } = await openApplication(ctx, applicationId)
  if (!actsAtLastDesk(grants, request)) throw new AppError('FORBIDDEN', '困难职工认定由这份申请的审批人办理')
  if (!app.fundCommitted) throw new AppError('CONFLICT', '申请审批通过后才能认定建档')
  if (app.assessment.level === null) throw new AppError('CONFLICT', '按家庭收入测算不属于困难家庭，不能认定为困难职工')
  const existing = await findById(ctx.db.collection(AID.files), app.householdKey, FileDoc)
  if (existing?.status === 'active') throw new AppError('CONFLICT', '这户家庭已经在档')
  await runInTransaction(ctx.db, async (tx) => {
    await file(tx, app, ctx.now)
    await fileChanged(ctx, tx, app, 'opened', ctx.now)
    await txUpdate(tx, AID.applications, app._id, { events: [...app.events, { at: ctx.now, text: '认定为困难职工家庭，已建立困难职工档案' }], updatedAt: ctx.now })
  })
  const filed = await findById(ctx.db.collection(AID.files), app.householdKey, FileDoc)
  if (!filed) throw new Error('the file just written is missing')
  return { file: toFileItem(filed, ctx.now) }
}
