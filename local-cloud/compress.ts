import { promisify } from 'util'
import { brotliCompress, constants, gzip } from 'zlib'

/**
 * Compression for the static H5 app: brotli when the browser takes it, else gzip. Each file is compressed
 * once per version (path + mtime) and kept in memory, so only the first requests of a build pay for it.
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

/** Brotli's best (11) costs seconds per 100 KB on a busy machine, level 5 tens of milliseconds at 10% larger output. */
const FAST_BR = 5
const BEST_BR = 11

/**
 * A file's first request gets a fast compression, answered at once, while the best one is made in the
 * background; later requests get the best. One entry per file, replaced when the file changes (new mtime).
 */
export function compressionCache() {
  const cache = new Map<string, { version: number; fast: Promise<Buffer>; best?: Buffer }>()
  const brotliAt = (body: Buffer, quality: number) =>
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
  return (key: string, version: number, body: Buffer, encoding: Encoding): Promise<Buffer> => {
    const id = `${encoding} ${key}`
    const found = cache.get(id)
    if (found && found.version === version) return found.best ? Promise.resolve(found.best) : found.fast
    const entry: { version: number; fast: Promise<Buffer>; best?: Buffer } = {
      version,
      fast: encoding === 'br' ? brotliAt(body, FAST_BR) : gz(body, { level: 9 }),
    }
    cache.set(id, entry)
    entry.fast.catch(() => cache.delete(id))
    if (encoding === 'br') {
      void entry.fast
        .then(() => brotliAt(body, BEST_BR))
        .then((best) => {
          if (cache.get(id) === entry) entry.best = best
        })
        .catch(() => undefined)
    }
    return entry.fast
  }
}
