import { AppError } from '../../shared/contract'
import { type EventRecord, SignupRecord, isProtectedField } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { getOrNull, type Writer } from '../notify/transaction'
import { openSensitive, writeAudit } from '../privacy'
import { EV } from './collections'

/**
 * The full 手机号 or 身份证号 one person answered on the sign-up form, for the organising union only
 * (to call someone, to buy insurance). The audit entry (who, whose, which question) is written in the
 * same transaction as the read, as the aid side does (server/privacy/audit.ts), and the person can see
 * it in their access log.
 */
export async function revealAnswer(ctx: Ctx, event: EventRecord, signupId: string, key: string): Promise<{ label: string; value: string; masked: string }> {
  const field = event.fields.find((f) => f.key === key)
  if (!field || !isProtectedField(field.type)) throw new AppError('NOT_FOUND', '这个填写项没有需要保护的号码')
  return ctx.db.runTransaction(async (tx: Writer) => {
    const signup = await getOrNull(tx, EV.signups, signupId, SignupRecord)
    if (!signup || signup.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这个人的报名')
    const sealed = signup.sealedAnswers[key]
    if (!sealed) throw new AppError('NOT_FOUND', `${signup.name}没有填写${field.label}`)
    await writeAudit(tx, {
      actorOpenid: ctx.openid,
      action: 'reveal_field',
      subjectCollection: EV.signups,
      subjectId: signup._id,
      field: `sealedAnswers.${key}`,
      requestId: null,
      subjectOpenid: signup.openid,
      at: ctx.now,
    })
    return { label: field.label, value: openSensitive(sealed), masked: sealed.masked }
  })
}
