import { randomBytes } from 'crypto'
import { z } from 'zod'
import { inChina } from '../shared/date'
import type { Ctx } from './context'

/**
 * Cloud storage as the functions use it: files go into private storage by path, and come out only as
 * short-lived links (临时链接) handed to callers who may see them.
 */

const Uploaded = z.object({ fileID: z.string() })
const Links = z.object({ fileList: z.array(z.object({ fileID: z.string(), tempFileURL: z.string() })) })

/** Stores `bytes` at `cloudPath`; answers the fileID. */
export async function storeFile(ctx: Pick<Ctx, 'cloud'>, cloudPath: string, bytes: Buffer): Promise<string> {
  return Uploaded.parse(await ctx.cloud.uploadFile({ cloudPath, fileContent: bytes })).fileID
}

/** Links valid `seconds` for each fileID ('' for a file the storage could not link). */
export async function tempUrls(ctx: Pick<Ctx, 'cloud'>, fileIds: readonly string[], seconds: number): Promise<Map<string, string>> {
  const ids = [...new Set(fileIds.filter(Boolean))]
  if (ids.length === 0) return new Map()
  const res = Links.parse(await ctx.cloud.getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: seconds })) }))
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]))
}

/** The first bytes each accepted type starts with: a file is what it says it is. */
export function looksLike(contentType: string, bytes: Buffer): boolean {
  if (contentType === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  if (contentType === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  if (contentType === 'application/pdf') return bytes.subarray(0, 5).toString('latin1') === '%PDF-'
  return false
}

/** An export link lives 10 minutes: long enough to download, too short to pass around. */
export const EXPORT_LINK_SECONDS = 600

/** Puts an exported file in private storage under exports/<folder> and answers a short-lived link to it. */
export async function publishExport(ctx: Pick<Ctx, 'cloud' | 'now'>, folder: string, fileName: string, content: Buffer): Promise<{ url: string; expiresAt: Date }> {
  const ext = fileName.slice(fileName.lastIndexOf('.'))
  const cloudPath = `exports/${folder}/${inChina(ctx.now).format('YYYYMMDD-HHmmss')}-${randomBytes(6).toString('hex')}${ext}`
  const fileID = await storeFile(ctx, cloudPath, content)
  const url = (await tempUrls(ctx, [fileID], EXPORT_LINK_SECONDS)).get(fileID)
  if (!url) throw new Error('no link for the exported file')
  return { url, expiresAt: new Date(ctx.now.getTime() + EXPORT_LINK_SECONDS * 1000) }
}
