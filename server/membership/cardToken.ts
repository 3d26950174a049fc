import { CARD_TOKEN_TTL_SECONDS, cardSignedPart, formatCardToken, type CardToken } from '../../shared/membership/cardToken'
import { purposeKey, signText, signatureMatches } from '../privacy/signing'

/** The member-card QR signature over `GHT1.<membershipId>.<expiry>`; key GHT_CARD_KEY or derived (server/privacy/signing.ts). */
const cardKey = () => purposeKey('GHT_CARD_KEY', 'ght member card v1')

/** A fresh token for a stint, valid for CARD_TOKEN_TTL_SECONDS from `now`. */
export function issueCardToken(membershipId: string, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = Math.floor(now.getTime() / 1000) + CARD_TOKEN_TTL_SECONDS
  return { token: formatCardToken(membershipId, expiresAt, signText(cardKey(), cardSignedPart(membershipId, expiresAt))), expiresAt: new Date(expiresAt * 1000) }
}

/** Whether the token's signature is ours (constant-time compare). Expiry is checked separately. */
export function hasValidSignature(token: CardToken): boolean {
  return signatureMatches(cardKey(), token.signed, token.signature)
}
