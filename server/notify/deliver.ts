import { randomBytes } from 'crypto'
import { z } from 'zod'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { fieldTypesOf, type TemplateKey, type WeChatData } from '../../shared/notify/templates'
import { isValidFieldValue } from '../../shared/notify/fields'
import { loadNotifySettings, type NotifySettings } from './config'
import { OUTBOX, OutboxDoc, SUBSCRIPTIONS, subscriptionId, type DeliveryResult } from './docs'
import { takeEnqueued } from './enqueue'

/** Retry delays after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final (DESIGN-requests). */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1
/** A sender holds a claim this long; a sender that died mid-send is taken over after it. */
export const CLAIM_LEASE_MS = 10 * 60_000
/** Messages per sender run: a timer run must finish well inside the function's timeout. */
export const DELIVER_LIMIT_MAX = 50
const PARALLEL_SENDS = 4

/** WeChat errors that a retry cannot fix: bad openid, bad template id, a field breaking its rule, a page not in the release. */
const PERMANENT_ERRORS = new Set([40003, 40037, 47003, 41030])
const NO_QUOTA = 43101

export interface DeliverSummary {
  sent: number
  noQuota: number
  noTemplate: number
  retrying: number
  failed: number
  /** not due, already taken by another sender, or already done */
  skipped: number
}

type DeliverCtx = Pick<Ctx, 'db' | 'cloud' | 'now'>

interface SendParams {
  touser: string
  templateId: string
  page?: string
  data: WeChatData
  miniprogramState: NotifySettings['miniprogramState']
  lang: 'zh_CN'
}

const SdkError = z.object({ errCode: z.union([z.number(), z.string()]).optional(), errMsg: z.string().optional(), message: z.string().optional() })

type SendOutcome = { ok: true } | { ok: false; errCode: number | null; errMsg: string }

const Updated = z.object({ stats: z.object({ updated: z.number() }) })
/** Whether a conditional update changed its document: the condition held, so this sender's change is the one that happened. */
const changed = async (call: Promise<unknown> | void): Promise<boolean> => Updated.parse(await call).stats.updated === 1

/**
 * Delivers due outbox messages: the ones named (right after a transition commits) or, without ids,
 * everything due (the timer). All of them are read with one query; each is then claimed with one
 * conditional update on its own document (the state this sender read, so two senders never push the
 * same message), its unit of subscribe quota taken with another (`balance > 0`, so two messages never
 * spend the last one), and given back if the send fails. No transaction: each step is one document.
 * Never throws for a single message's failure: every result is recorded on its outbox document.
 */
export async function deliverPending(ctx: DeliverCtx, opts: { ids?: readonly string[]; limit?: number } = {}): Promise<DeliverSummary> {
  const limit = Math.min(Math.max(1, opts.limit ?? 20), DELIVER_LIMIT_MAX)
  const summary: DeliverSummary = { sent: 0, noQuota: 0, noTemplate: 0, retrying: 0, failed: 0, skipped: 0 }
  const ids = opts.ids ? [...new Set(opts.ids)].slice(0, DELIVER_LIMIT_MAX) : null
  if (ids?.length === 0) return summary
  // messages just written are there to send: their settings are read beside them rather than after
  const [docs, named] = ids ? await Promise.all([namedDocs(ctx, ids), loadNotifySettings(ctx.db)]) : [await dueDocs(ctx, limit), null]
  summary.skipped += ids ? ids.length - docs.length : 0
  if (docs.length === 0) return summary
  const settings = named ?? (await loadNotifySettings(ctx.db))

  const queue = [...docs]
  const worker = async () => {
    for (let doc = queue.shift(); doc !== undefined; doc = queue.shift()) {
      try {
        count(summary, await deliverOne(ctx, settings, doc))
      } catch (err) {
        // a database hiccup on one message: it stays claimable and the timer picks it up again
        console.error(`[notify] delivering ${doc._id} failed`, err)
        summary.skipped++
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, docs.length) }, worker))
  return summary
}

type Outcome = 'sent' | 'no_quota' | 'no_template' | 'retry' | 'failed' | 'skip'

function count(summary: DeliverSummary, outcome: Outcome): void {
  if (outcome === 'sent') summary.sent++
  else if (outcome === 'no_quota') summary.noQuota++
  else if (outcome === 'no_template') summary.noTemplate++
  else if (outcome === 'retry') summary.retrying++
  else if (outcome === 'failed') summary.failed++
  else summary.skipped++
}

/** The named messages: as this instance just wrote them, the rest in one query. */
async function namedDocs(ctx: DeliverCtx, ids: readonly string[]): Promise<OutboxDoc[]> {
  const { known, unknown } = takeEnqueued(ids)
  if (unknown.length === 0) return known
  return [...known, ...(await findMany(ctx.db.collection(OUTBOX).where({ _id: ctx.db.command.in(unknown) }), OutboxDoc, unknown.length))]
}

/** Pending messages whose time has come, and claims whose lease ran out; oldest first. Index: [status, nextAttemptAt]. */
function dueDocs(ctx: DeliverCtx, limit: number): Promise<OutboxDoc[]> {
  const _ = ctx.db.command
  const query = ctx.db
    .collection(OUTBOX)
    .where({ status: _.in(['pending', 'sending']), nextAttemptAt: _.lte(ctx.now) })
    .orderBy('nextAttemptAt', 'asc')
  return findMany(query, OutboxDoc, limit)
}

async function deliverOne(ctx: DeliverCtx, settings: NotifySettings, doc: OutboxDoc): Promise<Outcome> {
  const now = ctx.now
  if ((doc.status !== 'pending' && doc.status !== 'sending') || doc.nextAttemptAt > now) return 'skip'
  const _ = ctx.db.command
  const outbox = ctx.db.collection(OUTBOX)
  // the message as this sender read it: an update under this condition fails once another sender moved it
  const asRead = outbox.where({ _id: doc._id, status: doc.status, claimToken: doc.claimToken, attempts: doc.attempts })

  const templateId = settings.templateIds[doc.template]
  if (!templateId) {
    const done = await changed(asRead.update({ data: finish('no_template', now, null, `模板 ${doc.template} 未配置模板 ID，消息只进站内信`, _) }))
    return done ? 'no_template' : 'skip'
  }
  const token = randomBytes(8).toString('hex')
  const claim = { status: 'sending', claimToken: token, attempts: _.inc(1), lastAttemptAt: now, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) }
  if (!(await changed(asRead.update({ data: claim })))) return 'skip'
  const claimed = outbox.where({ _id: doc._id, status: 'sending', claimToken: token })
  // a claim whose lease ran out took its unit of quota already
  if (doc.status === 'pending') {
    const subscription = ctx.db.collection(SUBSCRIPTIONS).where({ _id: subscriptionId(doc.toOpenid, doc.template), balance: _.gt(0) })
    if (!(await changed(subscription.update({ data: { balance: _.inc(-1), updatedAt: now } })))) {
      await claimed.update({ data: finish('no_quota', now, null, '用户没有可用的订阅次数，未调用微信', _) })
      return 'no_quota'
    }
  }
  const result = await send(ctx, settings, doc, templateId)
  return recordResult(ctx, { ...doc, attempts: doc.attempts + 1, lastAttemptAt: now }, token, result)
}

function finish(outcome: 'no_quota' | 'no_template', now: Date, errCode: number | null, errMsg: string, _: DeliverCtx['db']['command']) {
  return {
    status: outcome,
    lastAttemptAt: now,
    lastError: errMsg,
    claimToken: '',
    results: _.push([{ at: now, outcome, errCode, errMsg }]),
  }
}

async function send(ctx: DeliverCtx, settings: NotifySettings, doc: OutboxDoc, templateId: string): Promise<SendOutcome> {
  const broken = brokenFields(doc.template, doc.data)
  if (broken.length > 0) return { ok: false, errCode: 47003, errMsg: `字段不符合微信规则：${broken.join(', ')}` }
  const params: SendParams = {
    touser: doc.toOpenid,
    templateId,
    data: doc.data,
    miniprogramState: settings.miniprogramState,
    lang: 'zh_CN',
    ...(doc.page ? { page: doc.page } : {}),
  }
  try {
    // wx-server-sdk 4.0.2 turns camelCase keys into WeChat's snake_case (template_id, miniprogram_state)
    await ctx.cloud.openapi.subscribeMessage.send(params)
    return { ok: true }
  } catch (err) {
    const parsed = SdkError.safeParse(err)
    const errCode = parsed.success && parsed.data.errCode !== undefined ? Number(parsed.data.errCode) : null
    const errMsg = parsed.success ? (parsed.data.errMsg ?? parsed.data.message ?? '') : String(err)
    return { ok: false, errCode: Number.isFinite(errCode) ? errCode : null, errMsg: errMsg.slice(0, 300) }
  }
}

/** Last check before WeChat sees the data: a field breaking its type's rule would only earn a 47003. */
function brokenFields(template: TemplateKey, data: WeChatData): string[] {
  const types = fieldTypesOf(template)
  return Object.entries(types)
    .filter(([key, type]) => !data[key] || !isValidFieldValue(type, data[key].value))
    .map(([key]) => key)
}

async function recordResult(ctx: DeliverCtx, claimed: OutboxDoc, token: string, result: SendOutcome): Promise<Outcome> {
  const now = new Date(Math.max(Date.now(), ctx.now.getTime()))
  const _ = ctx.db.command
  // our lease ran out and another sender took over: its result stands, and this update changes nothing
  const outbox = ctx.db.collection(OUTBOX).where({ _id: claimed._id, status: 'sending', claimToken: token })
  const sub = ctx.db.collection(SUBSCRIPTIONS).doc(subscriptionId(claimed.toOpenid, claimed.template))
  const entry = (outcome: DeliveryResult['outcome'], errCode: number | null, errMsg: string) => _.push([{ at: now, outcome, errCode, errMsg }])

  if (result.ok) {
    const done = await changed(outbox.update({ data: { status: 'sent', sentAt: now, claimToken: '', lastError: '', results: entry('sent', null, '') } }))
    return done ? 'sent' : 'skip'
  }
  const { errCode, errMsg } = result
  if (errCode === NO_QUOTA) {
    if (!(await changed(outbox.update({ data: { status: 'no_quota', claimToken: '', lastError: errMsg, results: entry('no_quota', errCode, errMsg) } })))) return 'skip'
    // WeChat says the person has no quota left: our count was wrong, trust WeChat
    await sub.update({ data: { balance: 0, updatedAt: now } })
    return 'no_quota'
  }
  const isFinal = (errCode !== null && PERMANENT_ERRORS.has(errCode)) || claimed.attempts >= MAX_ATTEMPTS
  const delay = BACKOFF_MS[Math.min(claimed.attempts, BACKOFF_MS.length) - 1]
  const recorded = isFinal
    ? await changed(outbox.update({ data: { status: 'failed', claimToken: '', lastError: errMsg, results: entry('failed', errCode, errMsg) } }))
    : await changed(
        outbox.update({
          data: {
            status: 'pending',
            claimToken: '',
            lastError: errMsg,
            nextAttemptAt: new Date(claimed.lastAttemptAt ? claimed.lastAttemptAt.getTime() + delay : now.getTime() + delay),
            results: entry('retry', errCode, errMsg),
          },
        }),
      )
  if (!recorded) return 'skip'
  // only a delivered message uses up quota
  await sub.update({ data: { balance: _.inc(1), updatedAt: now } })
  return isFinal ? 'failed' : 'retry'
}
