import { AppError } from '../../shared/contract'
import { CHUNK_BYTES } from '../../shared/aid/api'
import { ChunkDoc, UploadDoc } from '../../shared/aid/records'
import type { Ctx } from '../context'
import { findById, findMany, withoutId } from '../db'
import { newId } from '../notify/enqueue'
import { keyedHash } from '../privacy'
import { looksLike, storeFile } from '../storage'
import { AID } from './collections'

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }

/**
 * 上传材料, step 1: an upload slot in private storage under a folder named by a keyed hash of the
 * worker (no openid in paths). Both weapp and H5 send base64 chunks through the function, which stores
 * the file itself: a file the phone uploaded with wx.cloud.uploadFile would be readable by anyone
 * holding its fileID under CloudBase's default storage permission, while a file the function stores
 * is readable by no user (database/storage/rules.json) and leaves only through short-lived links.
 */
export async function startUpload(ctx: Ctx, forOpenid: string, input: { docCode: string; contentType: string; size: number }) {
  const uploadId = newId()
  const cloudPath = `aid/${keyedHash(forOpenid).slice(0, 16)}/${uploadId}.${EXTENSION[input.contentType]}`
  const chunkCount = Math.ceil(input.size / CHUNK_BYTES)
  const upload: UploadDoc = {
    _id: uploadId,
    ownerOpenid: ctx.openid,
    forOpenid,
    docCode: input.docCode,
    contentType: input.contentType,
    size: input.size,
    chunkCount,
    cloudPath,
    fileId: '',
    status: 'open',
    createdAt: ctx.now,
    applicationId: null,
  }
  await ctx.db.collection(AID.uploads).doc(uploadId).set({ data: withoutId(upload) })
  return { uploadId, chunkBytes: CHUNK_BYTES, chunkCount }
}

async function ownUpload(ctx: Ctx, uploadId: string): Promise<UploadDoc> {
  const upload = await findById(ctx.db.collection(AID.uploads), uploadId, UploadDoc)
  if (!upload || upload.ownerOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '上传已过期，请重新选择文件上传')
  return upload
}

/** Step 2 (H5): one chunk; sending the same chunk again (a retry) replaces it. */
export async function uploadChunk(ctx: Ctx, input: { uploadId: string; index: number; data: string }) {
  const upload = await ownUpload(ctx, input.uploadId)
  if (upload.status !== 'open') throw new AppError('CONFLICT', '这个文件已经上传完成')
  if (input.index >= upload.chunkCount) throw new AppError('INVALID_INPUT', '文件分片序号不正确', { index: '文件分片序号不正确' })
  const chunk: ChunkDoc = { _id: `${upload._id}-${input.index}`, uploadId: upload._id, index: input.index, data: input.data }
  await ctx.db.collection(AID.chunks).doc(chunk._id).set({ data: withoutId(chunk) })
  return { index: input.index }
}

/** Step 3: the function joins the chunks, checks what the file is and stores it. */
export async function finishUpload(ctx: Ctx, input: { uploadId: string }) {
  const upload = await ownUpload(ctx, input.uploadId)
  if (upload.status === 'done') return { fileId: upload.fileId }
  const chunks = await findMany(ctx.db.collection(AID.chunks).where({ uploadId: upload._id }).orderBy('index', 'asc'), ChunkDoc, 100)
  const missing = Array.from({ length: upload.chunkCount }, (_, i) => i).filter((i) => !chunks.some((c) => c.index === i))
  if (missing.length) throw new AppError('CONFLICT', `文件还有${missing.length}部分没有传上来，请重试`)
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64')))
  if (bytes.length !== upload.size) throw new AppError('INVALID_INPUT', '文件内容不完整，请重新上传', { file: '文件内容不完整' })
  if (!looksLike(upload.contentType, bytes)) throw new AppError('INVALID_INPUT', '文件不是照片或 PDF，请重新选择', { file: '只能上传照片（JPG、PNG）或 PDF 文件' })
  const fileId = await storeFile(ctx, upload.cloudPath, bytes)
  await ctx.db.collection(AID.chunks).where({ uploadId: upload._id }).remove()
  await ctx.db.collection(AID.uploads).doc(upload._id).update({ data: { status: 'done', fileId } })
  return { fileId }
}
