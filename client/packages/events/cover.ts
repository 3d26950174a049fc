import Taro from '@tarojs/taro'
import { eventsActions } from '../../../shared/events/actions'
import { CoverInput } from '../../../shared/events/schemas'
import { call } from '../../services/api'

/**
 * 活动封面: picked, compressed on the phone until its base64 fits in one call (≈70 KB, the contract's
 * limit keeps the call under WeChat's 100 KB), then sent to events.uploadCover.
 */
export type CoverOutcome = { ok: true; coverUrl: string } | { ok: false; cancelled: boolean; message: string }

const MAX_BASE64 = CoverInput.shape.data.maxLength ?? 96_000
const TOO_BIG = '图片太大了，压缩后仍超过70KB。请换一张小一些的图片，或裁剪后再选'
/** Tried in order until the picture is small enough: longer side in px, JPEG quality 0–1. */
const STEPS = [
  { side: 1080, quality: 0.7 },
  { side: 800, quality: 0.6 },
  { side: 640, quality: 0.5 },
]

const failed = (message: string): CoverOutcome => ({ ok: false, cancelled: false, message })

export async function chooseAndUploadCover(eventId: string): Promise<CoverOutcome> {
  let path: string | undefined
  try {
    path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths[0]
  } catch {
    return { ok: false, cancelled: true, message: '' }
  }
  if (!path) return { ok: false, cancelled: true, message: '' }
  let data: string | null
  try {
    data = __TARGET__ === 'h5' ? await shrinkInBrowser(path) : await shrinkInWeChat(path)
  } catch (error) {
    console.error('[events] cover could not be read', error)
    return failed('读取图片失败，请换一张图片再试')
  }
  if (data === null) return failed(TOO_BIG)
  const res = await call(eventsActions.uploadCover, { eventId, contentType: 'image/jpeg', data })
  return res.ok ? { ok: true, coverUrl: res.data.coverUrl } : failed(res.error.message)
}

async function shrinkInWeChat(path: string): Promise<string | null> {
  for (const step of STEPS) {
    const small = await Taro.compressImage({ src: path, quality: Math.round(step.quality * 100), compressedWidth: step.side })
    const data = await readBase64(small.tempFilePath)
    if (data.length <= MAX_BASE64) return data
  }
  return null
}

function readBase64(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) => (typeof res.data === 'string' ? resolve(res.data) : reject(new Error('not text'))),
      fail: (err) => reject(new Error(err.errMsg)),
    })
  })
}

async function shrinkInBrowser(path: string): Promise<string | null> {
  const image = await new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image did not load'))
    img.src = path
  })
  for (const step of STEPS) {
    const scale = Math.min(1, step.side / Math.max(image.naturalWidth, image.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
    const g = canvas.getContext('2d')
    if (!g) throw new Error('no canvas')
    g.fillStyle = '#ffffff'
    g.fillRect(0, 0, canvas.width, canvas.height)
    g.drawImage(image, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), 'image/jpeg', step.quality))
    const data = await blobToBase64(blob)
    if (data.length <= MAX_BASE64) return data
  }
  return null
}

/** FileReader gives `data:image/jpeg;base64,…`; the call wants only what follows the comma. */
function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = reader.result
      if (typeof url !== 'string') return reject(new Error('not a data URL'))
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}
