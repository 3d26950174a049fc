import { z } from 'zod'
import { AppError } from '../../shared/contract/envelope'
import { ReviewerGrant, isReviewerOf } from '../../shared/requests/access'
import { RequestDoc } from '../../shared/requests/schemas'
import { SealedField } from '../../shared/privacy/sealed'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { newId } from '../notify/enqueue'
import { getOrNull, type Writer } from '../notify/transaction'
import { openSensitive } from './crypto'

/** `audit_log` (append-only): who looked at which sensitive record, when, and for which request (PIPL Art. 51, 55). */
export const AUDIT_LOG = 'audit_log'

export const AuditAction = z.enum(['reveal_field', 'view_attachment', 'export'])
export type AuditAction = z.infer<typeof AuditAction>

export const AuditEntry = z.object({
  _id: z.string(),
  actorOpenid: z.string(),
  action: AuditAction,
  subjectCollection: z.string(),
  subjectId: z.string(),
  /** the field path or file looked at; never its value */
  field: z.string(),
  requestId: z.string().nullable(),
  /** whose data it is (the applicant of the request), so she can see who looked (account.myAccessLog) */
  subjectOpenid: z.string().optional(),
  at: z.date(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Appends one audit entry; call it inside the transaction that reads the data. */
export async function writeAudit(w: Writer, entry: Omit<AuditEntry, '_id'>): Promise<string> {
  const _id = newId()
  await w.collection(AUDIT_LOG).add({ data: AuditEntry.parse({ ...entry, _id }) })
  return _id
}

/** `idNumber`, `child.idNumber`, `members.0.bankCard` — a path into the request's subject document. */
export const FieldPath = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+){0,5}$/, '要查看的内容不正确')

function valueAt(doc: unknown, path: string): unknown {
  let here: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(here) && /^\d+$/.test(part)) here = here[Number(part)]
    else if (typeof here === 'object' && here !== null && !Array.isArray(here) && Object.prototype.hasOwnProperty.call(here, part)) {
      here = Object.entries(here).find(([k]) => k === part)?.[1]
    } else return undefined
  }
  return here
}

const RequestAccess = RequestDoc.pick({ _id: true, kind: true, chain: true, subjectRef: true, applicantOpenid: true })

/**
 * The audited full view of one sensitive field of a request's subject (e.g. the applicant's ID number).
 * Only a reviewer of that request — someone who may act at any step of its chain — may open it; the
 * audit entry is written in the same transaction as the read, so no value leaves without its record.
 */
export async function revealSensitive(ctx: Pick<Ctx, 'db' | 'openid' | 'now'>, input: { requestId: string; field: string }): Promise<{ value: string; masked: string }> {
  const field = FieldPath.parse(input.field)
  // role grants with the chair's designation of vice-chairs; read before the transaction (no queries inside one)
  const grants = ctx.openid ? await findMany(ctx.db.collection('roles').where({ openid: ctx.openid }), ReviewerGrant, 100) : []

  return ctx.db.runTransaction(async (tx: Writer) => {
    const request = await getOrNull(tx, 'requests', input.requestId, RequestAccess)
    if (!request) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (!isReviewerOf(grants, request)) throw new AppError('FORBIDDEN', '只有审批这份申请的工会干部才能查看完整信息')
    const { collection, id } = request.subjectRef
    const subject = await getOrNull(tx, collection, id, z.record(z.string(), z.unknown()))
    const sealed = SealedField.safeParse(valueAt(subject, field))
    if (!sealed.success) throw new AppError('NOT_FOUND', '这份申请里没有这项内容')
    await writeAudit(tx, {
      actorOpenid: ctx.openid,
      action: 'reveal_field',
      subjectCollection: collection,
      subjectId: id,
      field,
      requestId: request._id,
      subjectOpenid: request.applicantOpenid,
      at: ctx.now,
    })
    return { value: openSensitive(sealed.data), masked: sealed.data.masked }
  })
}
