import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto'
import { AppError } from '../../shared/contract/envelope'
import { masks, type MaskKind } from '../../shared/privacy/mask'
import { EncryptedValue, SealedField } from '../../shared/privacy/sealed'

/**
 * Field encryption for sensitive personal information (PIPL Art. 51): AES-256-GCM with a random
 * 96-bit IV per value, plus an HMAC-SHA256 keyed hash for duplicate checks.
 *
 * Keys come from the function's environment, base64 of 32 random bytes:
 *   GHT_FIELD_KEY  current key, or a rotation list "v2:<base64>,v1:<base64>" (first = the one that seals;
 *                  the others still open values sealed with them). A bare "<base64>" is version 1.
 *   GHT_HASH_KEY   HMAC key. Not rotatable in place: changing it breaks duplicate checks on stored hashes.
 * A missing or malformed key fails the call (INTERNAL) — a plain value is never stored instead.
 */
const ALGORITHM = 'aes-256-gcm'
const IV_BYTES = 12
const KEY_BYTES = 32

interface FieldKeys {
  current: { v: number; key: Buffer }
  byVersion: Map<number, Buffer>
}

function keyFailure(detail: string): AppError {
  console.error(`[privacy] ${detail}. Set GHT_FIELD_KEY and GHT_HASH_KEY (base64 of 32 bytes) in the function's environment.`)
  return new AppError('INTERNAL')
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64')
  if (key.length !== KEY_BYTES) throw keyFailure(`${name} does not decode to ${KEY_BYTES} bytes`)
  return key
}

let fieldKeysCache: { source: string; keys: FieldKeys } | null = null

function fieldKeys(): FieldKeys {
  const source = process.env.GHT_FIELD_KEY ?? ''
  if (fieldKeysCache && fieldKeysCache.source === source) return fieldKeysCache.keys
  if (!source.trim()) throw keyFailure('GHT_FIELD_KEY is missing')
  const byVersion = new Map<number, Buffer>()
  let current: FieldKeys['current'] | null = null
  for (const part of source.split(',')) {
    const match = /^\s*(?:v(\d+):)?(\S+)\s*$/.exec(part)
    if (!match) throw keyFailure('GHT_FIELD_KEY is malformed')
    const v = match[1] ? Number(match[1]) : 1
    if (v < 1 || byVersion.has(v)) throw keyFailure('GHT_FIELD_KEY has a bad or repeated version')
    const key = decodeKey(match[2], `GHT_FIELD_KEY v${v}`)
    byVersion.set(v, key)
    current ??= { v, key }
  }
  if (!current) throw keyFailure('GHT_FIELD_KEY is empty')
  const keys = { current, byVersion }
  fieldKeysCache = { source, keys }
  return keys
}

function hashKey(): Buffer {
  const source = process.env.GHT_HASH_KEY ?? ''
  if (!source.trim()) throw keyFailure('GHT_HASH_KEY is missing')
  return decodeKey(source, 'GHT_HASH_KEY')
}

/** Encrypts one value with the current key. Every call uses a fresh IV, so equal values give different ciphertexts. */
export function encryptField(plain: string): EncryptedValue {
  const { current } = fieldKeys()
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, current.key, iv)
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return { ct: ct.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), v: current.v }
}

/** Decrypts with the key version that sealed the value; a tampered value or unknown version → INTERNAL. */
export function decryptField(value: EncryptedValue): string {
  const key = fieldKeys().byVersion.get(value.v)
  if (!key) throw keyFailure(`no key for version v${value.v} in GHT_FIELD_KEY`)
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(value.iv, 'base64'))
    decipher.setAuthTag(Buffer.from(value.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(value.ct, 'base64')), decipher.final()]).toString('utf8')
  } catch {
    console.error(`[privacy] a sealed value failed authentication (key v${value.v})`)
    throw new AppError('INTERNAL')
  }
}

/** HMAC-SHA256 (hex) of a normalized value: equal values give equal hashes, for duplicate checks only. */
export function keyedHash(plain: string): string {
  return createHmac('sha256', hashKey()).update(plain, 'utf8').digest('hex')
}

/**
 * The stored form of a sensitive field: `{ enc, hash, masked }`. Pass the normalized value
 * (e.g. the output of the IdNumber schema) so that the hash finds duplicates.
 */
export function sealSensitive(plain: string, mask: MaskKind | ((plain: string) => string)): SealedField {
  const masked = typeof mask === 'function' ? mask(plain) : masks[mask](plain)
  return { enc: encryptField(plain), hash: keyedHash(plain), masked }
}

/** Opens a stored sensitive field. Only for an authorised, audited view (server/privacy/audit.ts) or server-side use. */
export function openSensitive(stored: unknown): string {
  const parsed = SealedField.safeParse(stored)
  if (!parsed.success) {
    console.error('[privacy] openSensitive got something that is not a sealed field')
    throw new AppError('INTERNAL')
  }
  return decryptField(parsed.data.enc)
}
