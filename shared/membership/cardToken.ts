/**
 * 电子会员证 QR content: `GHT1.<membershipId>.<expiry>.<signature>`.
 * The signature (HMAC with a server-only key) is made and checked in server/membership/cardToken.ts;
 * this file only knows the shape, so the client can tell a card QR from any other text.
 */

export const CARD_TOKEN_PREFIX = 'GHT1'
/** A card QR is valid for 5 minutes: long enough to show at a door, too short to pass around. */
export const CARD_TOKEN_TTL_SECONDS = 300

const ID = /^[A-Za-z0-9_-]{1,64}$/
const EXP = /^[0-9a-z]{1,10}$/
const SIG = /^[A-Za-z0-9_-]{16,64}$/

export interface CardToken {
  membershipId: string
  /** expiry, whole seconds since the epoch */
  expiresAt: number
  signature: string
  /** the exact text the signature covers */
  signed: string
}

/** The text the server signs: prefix, membership id and expiry (base 36 keeps the QR small). */
export function cardSignedPart(membershipId: string, expiresAt: number): string {
  return `${CARD_TOKEN_PREFIX}.${membershipId}.${expiresAt.toString(36)}`
}

export function formatCardToken(membershipId: string, expiresAt: number, signature: string): string {
  return `${cardSignedPart(membershipId, expiresAt)}.${signature}`
}

/** Splits a scanned text into its parts, or null when it is not a member-card token at all. */
export function parseCardToken(text: string): CardToken | null {
  const parts = text.trim().split('.')
  if (parts.length !== 4) return null
  const [prefix, membershipId, exp, signature] = parts
  if (prefix !== CARD_TOKEN_PREFIX || !ID.test(membershipId) || !EXP.test(exp) || !SIG.test(signature)) return null
  const expiresAt = parseInt(exp, 36)
  if (!Number.isSafeInteger(expiresAt)) return null
  return { membershipId, expiresAt, signature, signed: `${prefix}.${membershipId}.${exp}` }
}

export function cardExpired(token: Pick<CardToken, 'expiresAt'>, now: Date): boolean {
  return token.expiresAt * 1000 <= now.getTime()
}

/** 会员编号: 'GH' and eight digits from the member-number counter. */
export function formatMemberNo(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError('会员编号序号必须是正整数')
  return `GH${String(seq).padStart(8, '0')}`
}

/** Member numbers shown to a scanning chair keep only the tail: 'GH****0042'. */
export function maskMemberNo(memberNo: string): string {
  return memberNo.length <= 6 ? memberNo : `${memberNo.slice(0, 2)}****${memberNo.slice(-4)}`
}
