import { createHmac, timingSafeEqual } from 'crypto'
import { AppError } from '../../shared/contract'

/**
 * Keys and signatures of the short-lived QR codes (会员卡, 活动入场码, 现场签到码). Each purpose has its own key:
 * its env variable (base64, ≥ 32 bytes) when set, else one derived from GHT_HASH_KEY with the purpose's label,
 * so no two purposes ever share a key. Signatures are HMAC-SHA256 cut to 128 bits (22 base64url characters)
 * to keep the QR small; without the key nobody can make a code from an id or stretch an expiry.
 */
const SIGNATURE_BYTES = 16
const MIN_KEY_BYTES = 32

export function purposeKey(ownEnv: string, label: string): Buffer {
  const own = process.env[ownEnv]?.trim()
  if (own) {
    const key = Buffer.from(own, 'base64')
    if (key.length >= MIN_KEY_BYTES) return key
    console.error(`[privacy] ${ownEnv} must be base64 of at least 32 bytes`)
    throw new AppError('INTERNAL')
  }
  const base = process.env.GHT_HASH_KEY?.trim()
  if (!base) {
    console.error(`[privacy] neither ${ownEnv} nor GHT_HASH_KEY is set: ${label} codes cannot be signed`)
    throw new AppError('INTERNAL')
  }
  return createHmac('sha256', Buffer.from(base, 'base64')).update(label).digest()
}

export const signText = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest().subarray(0, SIGNATURE_BYTES).toString('base64url')

/** Constant-time check of a signature over `text`. */
export function signatureMatches(key: Buffer, text: string, signature: string): boolean {
  const expected = Buffer.from(signText(key, text))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
