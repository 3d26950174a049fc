import { randomBytes } from 'crypto'
import { z } from 'zod'
import { NotifyPage } from '../../shared/notify/schemas'
import { formatTemplateData, templates, type TemplateData, type TemplateKey } from '../../shared/notify/templates'
import { redactSensitive } from '../../shared/privacy/detect'
import { INBOX, OUTBOX, type InboxDoc, type OutboxDoc } from './docs'
import type { Writer } from './transaction'

export interface EnqueueInput<K extends TemplateKey> {
  toOpenid: string
  template: K
  /** page the message opens, e.g. `packages/review/detail?id=…` ('' = none) */
  page: string
  /** one value per template field (see shared/notify/templates.ts); formatted and truncated here */
  data: TemplateData<K>
  /** inbox title; defaults to the template's title */
  title?: string
  /** inbox text, plain Chinese, nothing sensitive */
  body: string
  requestId?: string
  /** the transition's clock (ctx.now), so the message carries the same time as the change */
  at?: Date
}

export const INBOX_TITLE_MAX = 40
export const INBOX_BODY_MAX = 200

const Openid = z.string().min(1).max(128)

export const newId = () => randomBytes(12).toString('hex')

const clip = (s: string, max: number) => {
  const c = Array.from(s.trim())
  return c.length <= max ? c.join('') : c.slice(0, max - 1).join('') + '…'
}

/**
 * Adds one outbox document (to be pushed as a subscribe message) and one inbox document (消息),
 * inside the caller's transaction, so the message exists exactly when the change it reports commits.
 * Call `deliverPending(ctx, { ids: [outboxId] })` after the commit.
 */
export async function enqueue<K extends TemplateKey>(tx: Writer, input: EnqueueInput<K>): Promise<{ outboxId: string; inboxId: string }> {
  const toOpenid = Openid.parse(input.toOpenid)
  const page = NotifyPage.parse(input.page.replace(/^\//, ''))
  const at = input.at ?? new Date()
  const data = formatTemplateData(input.template, redactValues(input.data))
  const title = clip(redact(input.title ?? templates[input.template].title), INBOX_TITLE_MAX)
  const body = clip(redact(input.body), INBOX_BODY_MAX)

  const outboxId = newId()
  const inboxId = newId()
  const inbox: InboxDoc = {
    _id: inboxId,
    openid: toOpenid,
    title,
    body,
    page,
    template: input.template,
    createdAt: at,
    readAt: null,
    requestId: input.requestId ?? null,
  }
  const outbox: OutboxDoc = {
    _id: outboxId,
    toOpenid,
    template: input.template,
    page,
    data,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastAttemptAt: null,
    lastError: '',
    claimToken: '',
    results: [],
    createdAt: at,
    sentAt: null,
    requestId: input.requestId ?? null,
    inboxId,
  }
  await tx.collection(INBOX).add({ data: inbox })
  await tx.collection(OUTBOX).add({ data: outbox })
  rememberEnqueued(outbox)
  return { outboxId, inboxId }
}

/**
 * The outbox documents this instance wrote lately, so that the push right after the commit need not
 * read back what it just wrote (a round trip per action). Only a hint: the sender claims each message
 * with a condition on the state it holds, so a message another sender moved meanwhile is left alone, and
 * one written by a transaction that did not commit is never named. Bounded: the oldest go first.
 */
const enqueued = new Map<string, OutboxDoc>()
const ENQUEUED_KEPT = 200

function rememberEnqueued(doc: OutboxDoc): void {
  enqueued.set(doc._id, doc)
  for (const id of enqueued.keys()) {
    if (enqueued.size <= ENQUEUED_KEPT) break
    enqueued.delete(id)
  }
}

/** The named messages this instance enqueued (each handed out once); the others are read from the database. */
export function takeEnqueued(ids: readonly string[]): { known: OutboxDoc[]; unknown: string[] } {
  const known: OutboxDoc[] = []
  const unknown: string[] = []
  for (const id of ids) {
    const doc = enqueued.get(id)
    enqueued.delete(id)
    if (doc) known.push(doc)
    else unknown.push(id)
  }
  return { known, unknown }
}

/**
 * A message is read on a lock screen. Titles and reasons can carry text a person typed, so a full ID or
 * card number in it is masked here rather than trusted to every caller.
 */
function redact(text: string): string {
  const clean = redactSensitive(text)
  if (clean !== text) console.warn('[notify] masked an ID or bank card number in a message')
  return clean
}

function redactValues<D extends object>(data: D): D {
  const out = { ...data }
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string') Object.assign(out, { [key]: redact(value) })
  return out
}
