import { z } from 'zod'
import { AppError } from '../../shared/contract/envelope'
import { ConsentPurpose, ConsentVersion, consentMissingMessage } from '../../shared/privacy/consent'
import type { Ctx, Database } from '../context'
import { findOne } from '../db'
import { newId } from '../notify/enqueue'
import type { Writer } from '../notify/transaction'

/**
 * `consents` (append-only): every grant and every withdrawal is a new record, so the history of what a
 * person agreed to, and when, is kept (PIPL Art. 14, 29, 31). The latest record for
 * (openid, purpose, onBehalfOf) is the one in force.
 */
export const CONSENTS = 'consents'

export const ConsentDoc = z.object({
  _id: z.string(),
  /** who agreed (the guardian for a child, the worker for proxy filing) */
  openid: z.string(),
  purpose: ConsentPurpose,
  /** version of the text agreed to; a new version asks again */
  version: z.string(),
  grantedAt: z.date(),
  /** whose data the consent covers when it is not the person's own (a child's household-member id, a worker filed for) */
  onBehalfOf: z.string().nullable(),
  withdrawn: z.boolean(),
  /** who wrote the record: the person themselves, or the cadre who took down the worker's consent (代办) */
  recordedBy: z.string(),
})
export type ConsentDoc = z.infer<typeof ConsentDoc>

export interface ConsentInput {
  openid: string
  purpose: ConsentPurpose
  version: string
  onBehalfOf?: string
  /** defaults to `openid` */
  recordedBy?: string
  at?: Date
}

const Who = z.string().min(1).max(128)

async function append(w: Writer | Database, input: ConsentInput, withdrawn: boolean): Promise<string> {
  const _id = newId()
  const doc: ConsentDoc = {
    _id,
    openid: Who.parse(input.openid),
    purpose: ConsentPurpose.parse(input.purpose),
    version: ConsentVersion.parse(input.version),
    grantedAt: input.at ?? new Date(),
    onBehalfOf: input.onBehalfOf === undefined ? null : Who.parse(input.onBehalfOf),
    withdrawn,
    recordedBy: Who.parse(input.recordedBy ?? input.openid),
  }
  await w.collection(CONSENTS).add({ data: doc })
  return _id
}

/** Records a consent; works inside a transaction (with the data it covers) or on its own. Returns the record id. */
export function recordConsent(w: Writer | Database, input: ConsentInput): Promise<string> {
  return append(w, input, false)
}

/** Records a withdrawal (撤回同意): from now on requireConsent refuses until the person agrees again. */
export function withdrawConsent(w: Writer | Database, input: ConsentInput): Promise<string> {
  return append(w, input, true)
}

export interface ConsentQuery {
  /** whose consent; defaults to the caller */
  openid?: string
  /** the text version that must have been agreed to; any version when absent */
  version?: string
  onBehalfOf?: string
}

/** The consent in force, or null. Index: [openid, purpose, onBehalfOf, grantedAt]. */
export async function currentConsent(db: Database, openid: string, purpose: ConsentPurpose, onBehalfOf?: string): Promise<ConsentDoc | null> {
  const query = db
    .collection(CONSENTS)
    .where({ openid, purpose, onBehalfOf: onBehalfOf ?? null })
    .orderBy('grantedAt', 'desc')
  const latest = await findOne(query, ConsentDoc)
  return latest && !latest.withdrawn ? latest : null
}

export async function hasConsent(db: Database, openid: string, purpose: ConsentPurpose, q: Omit<ConsentQuery, 'openid'> = {}): Promise<boolean> {
  const consent = await currentConsent(db, openid, purpose, q.onBehalfOf)
  return consent !== null && (q.version === undefined || consent.version === q.version)
}

/** FORBIDDEN, in plain Chinese, unless the consent for `purpose` is in force (and of `version`, when given). */
export async function requireConsent(ctx: Pick<Ctx, 'db' | 'openid'>, purpose: ConsentPurpose, q: ConsentQuery = {}): Promise<void> {
  const openid = q.openid ?? ctx.openid
  if (!openid || !(await hasConsent(ctx.db, openid, purpose, q))) throw new AppError('FORBIDDEN', consentMissingMessage[purpose])
}
