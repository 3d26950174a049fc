/**
 * QR texts of check-in (签到). Both are signed on the server (server/events/tokens.ts); this file only
 * knows their shapes, so a phone can tell which kind of code it scanned.
 *   活动入场码 (a worker's pass, scanned by the organiser): `GHE1.<signupId>.<expiry>.<signature>`
 *   现场签到码 (the organiser's rotating code, scanned by workers): `GHC1.<eventId>.<expiry>.<signature>`
 */
export const PASS_PREFIX = 'GHE1'
export const CODE_PREFIX = 'GHC1'
/** A pass lives 5 minutes (the page renews it); the rotating code 60 seconds, renewed every 30. */
export const PASS_TTL_SECONDS = 300
export const CODE_TTL_SECONDS = 60
export const CODE_REFRESH_SECONDS = 30

const ID = /^[A-Za-z0-9_.-]{1,100}$/
const EXP = /^[0-9a-z]{1,10}$/
const SIG = /^[A-Za-z0-9_-]{16,64}$/

export interface CheckInToken {
  prefix: typeof PASS_PREFIX | typeof CODE_PREFIX
  /** the signup id (pass) or the event id (code) */
  subject: string
  expiresAt: number
  signature: string
  /** the exact text the signature covers */
  signed: string
}

/** The signed part; ids may contain dots, so the expiry and signature are read from the end. */
export const signedPart = (prefix: CheckInToken['prefix'], subject: string, expiresAt: number): string => `${prefix}.${subject}.${expiresAt.toString(36)}`

export function parseCheckInToken(text: string): CheckInToken | null {
  const parts = text.trim().split('.')
  if (parts.length < 4) return null
  const prefix = parts[0]
  const signature = parts[parts.length - 1]
  const exp = parts[parts.length - 2]
  const subject = parts.slice(1, -2).join('.')
  if ((prefix !== PASS_PREFIX && prefix !== CODE_PREFIX) || !ID.test(subject) || !EXP.test(exp) || !SIG.test(signature)) return null
  const expiresAt = parseInt(exp, 36)
  if (!Number.isSafeInteger(expiresAt)) return null
  return { prefix, subject, expiresAt, signature, signed: `${prefix}.${subject}.${exp}` }
}
