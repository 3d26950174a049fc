import { createHmac, timingSafeEqual } from 'crypto'
import { AppError } from '../../shared/contract'
import { CARD_TOKEN_TTL_SECONDS, cardSignedPart, formatCardToken, type CardToken } from '../../shared/membership/cardToken'

/**
 * The member-card QR signature: HMAC-SHA256 over `GHT1.<membershipId>.<expiry>` with a server-only key,
 * cut to 128 bits (base64url, 22 characters) to keep the QR small. Without the key nobody can make a
 * token from a member number or stretch an expiry.
 *
 * Key: GHT_CARD_KEY (base64, ≥ 32 bytes). When it is not set, a key derived from GHT_HASH_KEY is used
 * (HMAC with a fixed label), so the card never shares a key with another purpose.
 */
const SIGNATURE_BYTES = 16
const MIN_KEY_BYTES = 32

function cardKey(): Buffer {
  const own = process.env.GHT_CARD_KEY?.trim()
  if (own) {
    const key = Buffer.from(own, 'base64')
    if (key.length >= MIN_KEY_BYTES) return key
    console.error('[membership] GHT_CARD_KEY must be base64 of at least 32 bytes')
    throw new AppError('INTERNAL')
  }
  const base = process.env.GHT_HASH_KEY?.trim()
  if (!base) {
    console.error('[membership] neither GHT_CARD_KEY nor GHT_HASH_KEY is set: member cards cannot be signed')
    throw new AppError('INTERNAL')
  }
  return createHmac('sha256', Buffer.from(base, 'base64')).update('ght member card v1').digest()
}

const sign = (signed: string): string => createHmac('sha256', cardKey()).update(signed).digest().subarray(0, SIGNATURE_BYTES).toString('base64url')

/** A fresh token for a stint, valid for CARD_TOKEN_TTL_SECONDS from `now`. */
export function issueCardToken(membershipId: string, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = Math.floor(now.getTime() / 1000) + CARD_TOKEN_TTL_SECONDS
  return { token: formatCardToken(membershipId, expiresAt, sign(cardSignedPart(membershipId, expiresAt))), expiresAt: new Date(expiresAt * 1000) }
}

/** Whether the token's signature is ours (constant-time compare). Expiry is checked separately. */
export function hasValidSignature(token: CardToken): boolean {
  const expected = Buffer.from(sign(token.signed))
  const given = Buffer.from(token.signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
