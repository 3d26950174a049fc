import { randomBytes } from 'crypto'
import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { loadOwnEvent } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { coverUrls } from '../../../../server/events/views'
import { looksLike, storeFile } from '../../../../server/storage'

const MAX_BYTES = 70 * 1024

/** 活动封面: a compressed picture, checked to be what it says, kept in storage; the event keeps its fileID. */
export const uploadCover: Handler<typeof eventsActions.uploadCover> = async ({ eventId, contentType, data }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  const bytes = Buffer.from(data, 'base64')
  if (bytes.length > MAX_BYTES) throw new AppError('INVALID_INPUT', '图片太大了，请换一张小一些的图片', { data: '图片不能超过70KB' })
  if (!looksLike(contentType, bytes)) throw new AppError('INVALID_INPUT', '这不是一张JPG或PNG图片', { data: '文件不是图片' })
  const cloudPath = `events/${event._id}/cover-${randomBytes(6).toString('hex')}.${contentType === 'image/png' ? 'png' : 'jpg'}`
  const fileID = await storeFile(ctx, cloudPath, bytes)
  await ctx.db.collection(EV.events).doc(event._id).update({ data: { coverFileId: fileID, updatedAt: ctx.now } })
  const urls = await coverUrls(ctx, [{ ...event, coverFileId: fileID }])
  return { coverUrl: urls.get(fileID) ?? '' }
}
