import { AppError } from '../../shared/contract'
import { hardshipLevelLabel } from '../../shared/aid/config'
import { closeReasonLabel, fileStatusLabel, isReviewDue } from '../../shared/aid/files'
import type { FileItem } from '../../shared/aid/api'
import { FileDoc } from '../../shared/aid/records'
import type { RoleGrant } from '../../shared/domain/union'
import type { Ctx } from '../context'
import { findById } from '../db'
import { AID } from './collections'
import { openText } from './sealed'

/** Who keeps a file: the chair and vice-chairs of its grassroots union, and the federation staff above. */
export const keepsFile = (grants: readonly RoleGrant[], file: Pick<FileDoc, 'unionId' | 'unionPath'>): boolean =>
  grants.some((g) => (g.role === 'staff' ? file.unionPath.includes(g.unionId) : (g.role === 'chair' || g.role === 'vice_chair') && g.unionId === file.unionId))

export async function openFile(ctx: Ctx, fileId: string): Promise<FileDoc> {
  const file = await findById(ctx.db.collection(AID.files), fileId, FileDoc)
  if (!file) throw new AppError('NOT_FOUND', '没有找到这份档案')
  if (!keepsFile(ctx.grants, file)) throw new AppError('FORBIDDEN', '只有本单位工会主席和上级工会可以管理这份档案')
  return file
}

export function toFileItem(file: FileDoc, now: Date): FileItem {
  const closeNote = file.closeNoteSealed ? openText(file.closeNoteSealed) : file.closeNote
  return {
    id: file._id,
    maskedName: file.maskedName,
    unionName: file.unionName,
    level: file.level,
    levelLabel: hardshipLevelLabel[file.level],
    status: file.status,
    statusLabel: fileStatusLabel[file.status],
    filedAt: file.filedAt,
    reviewDueAt: file.reviewDueAt,
    reviewDue: isReviewDue(file, now),
    aidCount: file.aid.length,
    aidTotalFen: file.aid.reduce((sum, a) => sum + a.amountFen, 0),
    closeReason: file.closeReason ? `${closeReasonLabel[file.closeReason]}${closeNote ? '：' + closeNote : ''}` : '',
    // opened for the file's keepers (listFiles, reviewFile, closeFile check who asks)
    history: [...file.history].reverse().map((h) => ({ at: h.at, text: h.note ? `${h.text}：${openText(h.note)}` : h.text })),
  }
}
