import { randomUUID } from 'crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'fs/promises'
import { dirname, extname, join } from 'path'
import { z } from 'zod'
import { signToken, verifyToken } from './runner'

/**
 * Cloud storage on local disk (<dataDir>/storage/<cloudPath>), answering what node-sdk 3.17.2 sends:
 * storage.getUploadMetadata (then a PUT of the bytes to the returned url), storage.batchGetDownloadUrl
 * (temp URLs served by this server under /files/<signed token>), storage.batchDeleteFile.
 */
export interface Storage {
  handle(action: string, body: Record<string, unknown>): Promise<unknown>
  /** PUT /upload/<token>: the SDK's second upload step. */
  put(token: string, bytes: Buffer): Promise<{ status: number; body: string }>
  /** GET /files/<token>: null when the token is forged, expired or the file is gone. */
  read(token: string): Promise<{ bytes: Buffer; contentType: string } | null>
}

export interface StorageOptions {
  dir: string
  baseUrl: string
  secret: string
  env: string
  now: () => number
}

/** A temp URL lives this long unless the caller asks for less (maxAge, seconds). */
export const DEFAULT_URL_SECONDS = 600
const UPLOAD_SECONDS = 600

const UploadGrant = z.object({ kind: z.literal('upload'), path: z.string(), exp: z.number() })
const DownloadGrant = z.object({ kind: z.literal('download'), path: z.string(), exp: z.number() })
const UploadMetadataBody = z.object({ path: z.string() })
const DownloadBody = z.object({
  file_list: z.array(z.object({ fileid: z.string(), max_age: z.number().int().positive().optional() })),
})
const DeleteBody = z.object({ fileid_list: z.array(z.string()) })

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** A cloud path is relative, has no empty, `.` or `..` segment, and stays under the storage folder. */
function cleanPath(path: string): string | null {
  const segments = path.replace(/^\/+/, '').split('/')
  if (!path || path.length > 512 || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return null
  return segments.join('/')
}

const fail = (code: string, message: string) => ({ code, message, requestId: randomUUID() })

export function createStorage(opts: StorageOptions): Storage {
  const bucket = `6c6f-${opts.env}-1300000000`
  const prefix = `cloud://${opts.env}.${bucket}/`
  const fileIdOf = (path: string) => `${prefix}${path}`
  const pathOf = (fileId: string) => (fileId.startsWith(prefix) ? cleanPath(fileId.slice(prefix.length)) : null)
  const diskPath = (path: string) => join(opts.dir, ...path.split('/'))
  const exists = (path: string) => stat(diskPath(path)).then((s) => s.isFile(), () => false)
  const seconds = () => Math.floor(opts.now() / 1000)

  async function uploadMetadata(body: Record<string, unknown>) {
    const parsed = UploadMetadataBody.safeParse(body)
    const path = parsed.success ? cleanPath(parsed.data.path) : null
    if (!path) return fail('INVALID_PARAM', `[local-cloud] 无效的云存储路径：${String(body.path)}`)
    const token = signToken(opts.secret, { kind: 'upload', path, exp: seconds() + UPLOAD_SECONDS })
    return {
      requestId: randomUUID(),
      data: {
        url: `${opts.baseUrl}/upload/${token}`,
        token: 'local-cos-token',
        authorization: 'local-cos-authorization',
        fileId: fileIdOf(path),
        cosFileId: `local-${randomUUID()}`,
        download_url: `${opts.baseUrl}/files/`,
      },
    }
  }

  async function downloadUrls(body: Record<string, unknown>) {
    const parsed = DownloadBody.safeParse(body)
    if (!parsed.success) return fail('INVALID_PARAM', '[local-cloud] file_list 格式不正确')
    const list = await Promise.all(
      parsed.data.file_list.map(async ({ fileid, max_age }) => {
        const path = pathOf(fileid)
        if (!path || !(await exists(path))) return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
        const maxAge = max_age ?? DEFAULT_URL_SECONDS
        const token = signToken(opts.secret, { kind: 'download', path, exp: seconds() + maxAge })
        return { fileID: fileid, tempFileURL: `${opts.baseUrl}/files/${token}`, code: 'SUCCESS', maxAge }
      }),
    )
    return { requestId: randomUUID(), data: { download_list: list } }
  }

  async function remove(body: Record<string, unknown>) {
    const parsed = DeleteBody.safeParse(body)
    if (!parsed.success) return fail('INVALID_PARAM', '[local-cloud] fileid_list 格式不正确')
    const list = []
    // One by one, so a file listed twice is deleted once and reported missing the second time.
    for (const fileid of parsed.data.fileid_list) {
      const path = pathOf(fileid)
      if (!path || !(await exists(path))) list.push({ fileID: fileid, code: 'STORAGE_FILE_NONEXIST' })
      else {
        await rm(diskPath(path), { force: true })
        list.push({ fileID: fileid, code: 'SUCCESS' })
      }
    }
    return { requestId: randomUUID(), data: { delete_list: list } }
  }

  return {
    handle(action, body) {
      if (action === 'storage.getUploadMetadata') return uploadMetadata(body)
      if (action === 'storage.batchGetDownloadUrl') return downloadUrls(body)
      if (action === 'storage.batchDeleteFile') return remove(body)
      return Promise.resolve(fail('INVALID_PARAM', `[local-cloud] 本地云不支持 ${action}`))
    },
    async put(token, bytes) {
      const grant = UploadGrant.safeParse(verifyToken(opts.secret, token))
      const path = grant.success && grant.data.exp >= seconds() ? cleanPath(grant.data.path) : null
      // COS answers failures as XML, which the SDK parses into an error.
      if (!path) return { status: 403, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AccessDenied</Code><Message>upload token invalid or expired</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>' }
      const file = diskPath(path)
      await mkdir(dirname(file), { recursive: true })
      const tmp = `${file}.${randomUUID()}.part`
      await writeFile(tmp, bytes)
      await rename(tmp, file)
      return { status: 200, body: '' }
    },
    async read(token) {
      const grant = DownloadGrant.safeParse(verifyToken(opts.secret, token))
      const path = grant.success && grant.data.exp >= seconds() ? cleanPath(grant.data.path) : null
      if (!path) return null
      try {
        const bytes = await readFile(diskPath(path))
        return { bytes, contentType: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' }
      } catch {
        return null
      }
    },
  }
}
