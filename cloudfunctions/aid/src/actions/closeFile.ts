import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { AID } from '../../../../server/aid/collections'
import { openFile, toFileItem } from '../../../../server/aid/files'
import { sealText } from '../../../../server/aid/sealed'
import type { aidActions } from '../../../../shared/aid/actions'
import { closeReasonLabel } from '../../../../shared/aid/files'
import type { FileDoc } from '../../../../shared/aid/records'
import { fileChanged } from '../../../../server/stats/tally'

/** 退档: "应退则退" — the family is out of hardship, retired, moved away or died; the reason is kept. */
export const closeFile: Handler<typeof aidActions.closeFile> = async ({ fileId, reason, note }, ctx) => {
  const file = await openFile(ctx, fileId)
  if (file.status !== 'active') throw new AppError('CONFLICT', '这份档案已经退档了')
  const changes = {
    status: 'closed' as const,
    closedAt: ctx.now,
    closeReason: reason,
    closeNote: '',
    closeNoteSealed: sealText(note),
    reviewRaisedAt: null,
    history: [...file.history, { at: ctx.now, text: `退档：${closeReasonLabel[reason]}`, note: sealText(note) }].slice(-40),
    updatedAt: ctx.now,
  }
  await ctx.db.collection(AID.files).doc(file._id).update({ data: changes })
  // no transaction here: the count follows the close (a failure between leaves 退档 uncounted until a rebuild)
  await fileChanged(ctx, ctx.db, file, 'closed', ctx.now)
  const updated: FileDoc = { ...file, ...changes }
  return { file: toFileItem(updated, ctx.now) }
}
