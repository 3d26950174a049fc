import { AppError } from '../../shared/contract'
import { CODE_PREFIX, CODE_TTL_SECONDS, PASS_PREFIX, PASS_TTL_SECONDS, parseCheckInToken, signedPart, type CheckInToken } from '../../shared/events/tokens'
import { purposeKey, signText, signatureMatches } from '../privacy/signing'

const passKey = () => purposeKey('GHT_EVENT_KEY', 'ght event checkin v1')

function issue(prefix: CheckInToken['prefix'], subject: string, ttl: number, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = Math.floor(now.getTime() / 1000) + ttl
  const signed = signedPart(prefix, subject, expiresAt)
  return { token: `${signed}.${signText(passKey(), signed)}`, expiresAt: new Date(expiresAt * 1000) }
}

/** 活动入场码 of one sign-up. */
export const issuePass = (signupId: string, now: Date) => issue(PASS_PREFIX, signupId, PASS_TTL_SECONDS, now)
/** 现场签到码 of one event (the organiser's screen renews it every 30 seconds). */
export const issueCode = (eventId: string, now: Date) => issue(CODE_PREFIX, eventId, CODE_TTL_SECONDS, now)

/** A scanned text checked for shape, kind, signature and expiry; INVALID_INPUT in plain words otherwise. */
export function readToken(text: string, want: CheckInToken['prefix'], now: Date): CheckInToken {
  const token = parseCheckInToken(text)
  const what = want === PASS_PREFIX ? '活动入场码' : '现场签到码'
  if (!token || token.prefix !== want) throw new AppError('INVALID_INPUT', `这不是${what}，请扫描正确的二维码`, { token: `这不是${what}` })
  if (!signatureMatches(passKey(), token.signed, token.signature)) throw new AppError('INVALID_INPUT', `${what}无效，请对方重新打开`, { token: `${what}无效` })
  if (token.expiresAt * 1000 <= now.getTime()) throw new AppError('INVALID_INPUT', `${what}已过期，请刷新后重新扫描`, { token: `${what}已过期` })
  return token
}
