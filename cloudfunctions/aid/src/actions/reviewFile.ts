import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { AID } from '../../../../server/aid/collections'
import { openFile, toFileItem } from '../../../../server/aid/files'
import { sealText } from '../../../../server/aid/sealed'
import { displayName } from '../../../../server/requests/people'
import type { aidActions } from '../../../../shared/aid/actions'
import { nextReviewAt } from '../../../../shared/aid/files'
import type { FileDoc } from '../../../../shared/aid/records'

/** 年度复核: the household still qualifies; the file is good for another year. */
export const reviewFile: Handler<typeof aidActions.reviewFile> = async ({ fileId, note }, ctx) => {
  const file = await openFile(ctx, fileId)
  if (file.status !== 'active') throw new AppError('CONFLICT', '这份档案已经退档，不能复核')
  const by = await displayName(ctx.db, ctx.openid, '工会干部')
  const changes = {
    lastReviewedAt: ctx.now,
    reviewDueAt: nextReviewAt(ctx.now),
    reviewRaisedAt: null,
    history: [...file.history, { at: ctx.now, text: `年度复核（${by}）`, note: sealText(note) }].slice(-40),
    updatedAt: ctx.now,
  }
  await ctx.db.collection(AID.files).doc(file._id).update({ data: changes })
  const updated: FileDoc = { ...file, ...changes }
  return { file: toFileItem(updated, ctx.now) }
}
