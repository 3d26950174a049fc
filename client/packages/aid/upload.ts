import Taro from '@tarojs/taro'
import { aidActions } from '../../../shared/aid/actions'
import { call, type CallResult } from '../../services/api'

/**
 * 材料上传: a photo is picked or taken, compressed on the phone, and uploaded with retries.
 * weapp: Taro.compressImage; H5 (local only): a canvas re-encodes it as JPEG. Either way it goes
 * through the function in base64 chunks of 60 KB (≈80 KB of text each, under the 100 KB callFunction
 * limit), never straight to storage: see server/aid/uploads.ts.
 */
export type UploadOutcome = { ok: true; fileId: string; preview: string } | { ok: false; cancelled: boolean; message: string }

const MAX_SIDE = 1600
const JPEG_QUALITY = 0.72
const ATTEMPTS = 3

const failed = (message: string): UploadOutcome => ({ ok: false, cancelled: false, message })

/** Tries a call up to three times while the answer does not come back (a lost network), waiting a little longer each time. */
async function withRetry<T>(send: () => Promise<CallResult<T>>): Promise<CallResult<T>> {
  let last = await send()
  for (let attempt = 1; attempt < ATTEMPTS && !last.ok && last.offline; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 800 * attempt))
    last = await send()
  }
  return last
}

export async function chooseAndUpload(docCode: string, proxyId: string | undefined, onProgress: (text: string) => void): Promise<UploadOutcome> {
  let picked: Taro.chooseImage.SuccessCallbackResult
  try {
    picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return { ok: false, cancelled: true, message: '' }
  }
  const path = picked.tempFilePaths[0]
  if (!path) return { ok: false, cancelled: true, message: '' }
  try {
    return __TARGET__ === 'h5' ? await uploadFromBrowser(docCode, path, proxyId, onProgress) : await uploadFromWeChat(docCode, path, proxyId, onProgress)
  } catch (error) {
    console.error('[aid] upload failed', error)
    return failed('上传没有成功，请检查网络后重试')
  }
}

async function uploadFromWeChat(docCode: string, path: string, proxyId: string | undefined, onProgress: (text: string) => void): Promise<UploadOutcome> {
  onProgress('正在压缩照片…')
  const small = await Taro.compressImage({ src: path, quality: 60 })
  const read = Taro.getFileSystemManager().readFileSync(small.tempFilePath)
  if (typeof read === 'string') return failed('读取照片失败，请重新选择')
  return sendChunks(docCode, new Uint8Array(read), small.tempFilePath, proxyId, onProgress)
}

/** Re-encodes a picked image as a JPEG no larger than MAX_SIDE on its longer side. */
async function compressInBrowser(path: string): Promise<Uint8Array> {
  const image = await new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = path
  })
  const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
  const g = canvas.getContext('2d')
  if (!g) throw new Error('no canvas')
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.drawImage(image, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), 'image/jpeg', JPEG_QUALITY))
  return new Uint8Array(await blob.arrayBuffer())
}

/** weapp has no btoa: its own encoder there, the browser's in H5. */
function toBase64(bytes: Uint8Array): string {
  if (__TARGET__ !== 'h5') return Taro.arrayBufferToBase64(bytes.slice().buffer)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

async function uploadFromBrowser(docCode: string, path: string, proxyId: string | undefined, onProgress: (text: string) => void): Promise<UploadOutcome> {
  onProgress('正在压缩照片…')
  return sendChunks(docCode, await compressInBrowser(path), path, proxyId, onProgress)
}

/** Through the function, in chunks: the function stores the file, so no phone ever holds a readable fileID of it. */
async function sendChunks(docCode: string, bytes: Uint8Array, preview: string, proxyId: string | undefined, onProgress: (text: string) => void): Promise<UploadOutcome> {
  const slot = await withRetry(() => call(aidActions.startUpload, { docCode, contentType: 'image/jpeg', size: bytes.length, ...(proxyId ? { proxyId } : {}) }))
  if (!slot.ok) return failed(slot.error.message)
  const { uploadId, chunkBytes, chunkCount } = slot.data
  for (let index = 0; index < chunkCount; index++) {
    onProgress(`正在上传 ${index + 1}/${chunkCount}…`)
    const data = toBase64(bytes.subarray(index * chunkBytes, (index + 1) * chunkBytes))
    const sent = await withRetry(() => call(aidActions.uploadChunk, { uploadId, index, data }))
    if (!sent.ok) return failed(sent.error.message)
  }
  const done = await withRetry(() => call(aidActions.finishUpload, { uploadId }))
  return done.ok ? { ok: true, fileId: done.data.fileId, preview } : failed(done.error.message)
}
