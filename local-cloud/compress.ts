import { promisify } from 'util'
import { brotliCompress, constants, gzip } from 'zlib'

/**
 * Compression for the static H5 app: brotli when the browser takes it, else gzip. Each file is compressed
 * once per version (path + mtime) and kept in memory, so only the first request of a build pays for it.
 */
export type Encoding = 'br' | 'gzip'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)
/** Worth compressing: text formats. Images and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg\+xml)/
/** Below this the headers weigh more than the saving. */
const MIN_BYTES = 1024

/** The encoding to answer with, from Accept-Encoding; q=0 refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined, contentType: string, bytes: number): Encoding | null {
  if (bytes < MIN_BYTES || !COMPRESSIBLE.test(contentType)) return null
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    if (name) accepted.set(name, q ? Number(q[1]) : 1)
  }
  const ok = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null
}

export function compressionCache() {
  const cache = new Map<string, Promise<Buffer>>()
  return (key: string, version: number, body: Buffer, encoding: Encoding): Promise<Buffer> => {
    const id = `${encoding} ${version} ${key}`
    let found = cache.get(id)
    if (!found) {
      // a rebuilt file has a new mtime: drop its older versions
      for (const k of cache.keys()) if (k.startsWith(`${encoding} `) && k.endsWith(` ${key}`) && k !== id) cache.delete(k)
      found =
        encoding === 'br'
          ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
          : gz(body, { level: 9 })
      cache.set(id, found)
      found.catch(() => cache.delete(id))
    }
    return found
  }
}
