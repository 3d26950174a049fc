import { randomBytes } from 'crypto'
import { z } from 'zod'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { fieldTypesOf, type TemplateKey, type WeChatData } from '../../shared/notify/templates'
import { isValidFieldValue } from '../../shared/notify/fields'
import { loadNotifySettings, type NotifySettings } from './config'
import { OUTBOX, OutboxDoc, SUBSCRIPTIONS, SubscriptionDoc, subscriptionId, type DeliveryResult } from './docs'
import { getOrNull, type Writer } from './transaction'

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

type Claim =
  | { kind: 'skip' }
  | { kind: 'done'; outcome: 'no_quota' | 'no_template' }
  | { kind: 'claimed'; doc: OutboxDoc; token: string; templateId: string }

type SendOutcome = { ok: true } | { ok: false; errCode: number | null; errMsg: string }

/**
 * Delivers due outbox messages: the ones named (right after a transition commits) or, without ids,
 * everything due (the timer). Each message is claimed in a transaction first, so two senders never
 * push the same message; the subscribe quota is taken in that claim and given back if the send fails.
 * Never throws for a single message's failure: every result is recorded on its outbox document.
 */
export async function deliverPending(ctx: DeliverCtx, opts: { ids?: readonly string[]; limit?: number } = {}): Promise<DeliverSummary> {
  const limit = Math.min(Math.max(1, opts.limit ?? 20), DELIVER_LIMIT_MAX)
  const summary: DeliverSummary = { sent: 0, noQuota: 0, noTemplate: 0, retrying: 0, failed: 0, skipped: 0 }
  const ids = opts.ids ? [...new Set(opts.ids)].slice(0, DELIVER_LIMIT_MAX) : await dueIds(ctx, limit)
  if (ids.length === 0) return summary
  const settings = await loadNotifySettings(ctx.db)

  const queue = [...ids]
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        count(summary, await deliverOne(ctx, settings, id))
      } catch (err) {
        // a database hiccup on one message: it stays claimable and the timer picks it up again
        console.error(`[notify] delivering ${id} failed`, err)
        summary.skipped++
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, ids.length) }, worker))
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

/** Pending messages whose time has come, and claims whose lease ran out; oldest first. Index: [status, nextAttemptAt]. */
async function dueIds(ctx: DeliverCtx, limit: number): Promise<string[]> {
  const _ = ctx.db.command
  const query = ctx.db
    .collection(OUTBOX)
    .where({ status: _.in(['pending', 'sending']), nextAttemptAt: _.lte(ctx.now) })
    .orderBy('nextAttemptAt', 'asc')
  const docs = await findMany(query, z.object({ _id: z.string() }), limit)
  return docs.map((d) => d._id)
}

async function deliverOne(ctx: DeliverCtx, settings: NotifySettings, id: string): Promise<Outcome> {
  const claim = await claimMessage(ctx, settings, id)
  if (claim.kind === 'skip') return 'skip'
  if (claim.kind === 'done') return claim.outcome
  const result = await send(ctx, settings, claim.doc, claim.templateId)
  return recordResult(ctx, claim.doc, claim.token, result)
}

function runTransaction<T>(ctx: DeliverCtx, fn: (tx: Writer) => Promise<T>): Promise<T> {
  return ctx.db.runTransaction(fn)
}

async function claimMessage(ctx: DeliverCtx, settings: NotifySettings, id: string): Promise<Claim> {
  const now = ctx.now
  return runTransaction(ctx, async (tx): Promise<Claim> => {
    const doc = await getOrNull(tx, OUTBOX, id, OutboxDoc)
    if (!doc || (doc.status !== 'pending' && doc.status !== 'sending') || doc.nextAttemptAt > now) return { kind: 'skip' }
    const outbox = tx.collection(OUTBOX).doc(id)

    const templateId = settings.templateIds[doc.template]
    if (!templateId) {
      await outbox.update({ data: finish('no_template', doc, now, null, `模板 ${doc.template} 未配置模板 ID，消息只进站内信`) })
      return { kind: 'done', outcome: 'no_template' }
    }
    // a claim whose lease ran out already holds its unit of quota
    if (doc.status === 'pending') {
      const subId = subscriptionId(doc.toOpenid, doc.template)
      const sub = await getOrNull(tx, SUBSCRIPTIONS, subId, SubscriptionDoc)
      if (!sub || sub.balance <= 0) {
        await outbox.update({ data: finish('no_quota', doc, now, null, '用户没有可用的订阅次数，未调用微信') })
        return { kind: 'done', outcome: 'no_quota' }
      }
      // take one unit of quota now, so two messages cannot both spend the last one; given back if the send fails
      await tx.collection(SUBSCRIPTIONS).doc(subId).update({ data: { balance: ctx.db.command.inc(-1), updatedAt: now } })
    }
    const token = randomBytes(8).toString('hex')
    await outbox.update({
      data: { status: 'sending', claimToken: token, attempts: doc.attempts + 1, lastAttemptAt: now, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
    })
    return { kind: 'claimed', doc: { ...doc, attempts: doc.attempts + 1 }, token, templateId }
  })
}

function finish(outcome: 'no_quota' | 'no_template', doc: OutboxDoc, now: Date, errCode: number | null, errMsg: string) {
  return {
    status: outcome,
    lastAttemptAt: now,
    lastError: errMsg,
    claimToken: '',
    results: [...doc.results, { at: now, outcome, errCode, errMsg }],
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
  return runTransaction(ctx, async (tx): Promise<Outcome> => {
    const doc = await getOrNull(tx, OUTBOX, claimed._id, OutboxDoc)
    // our lease ran out and another sender took over: its result stands
    if (!doc || doc.status !== 'sending' || doc.claimToken !== token) return 'skip'
    const outbox = tx.collection(OUTBOX).doc(doc._id)
    const sub = tx.collection(SUBSCRIPTIONS).doc(subscriptionId(doc.toOpenid, doc.template))
    const entry = (outcome: DeliveryResult['outcome'], errCode: number | null, errMsg: string): DeliveryResult => ({ at: now, outcome, errCode, errMsg })

    if (result.ok) {
      await outbox.update({ data: { status: 'sent', sentAt: now, claimToken: '', lastError: '', results: [...doc.results, entry('sent', null, '')] } })
      return 'sent'
    }
    const { errCode, errMsg } = result
    if (errCode === NO_QUOTA) {
      // WeChat says the person has no quota left: our count was wrong, trust WeChat
      await sub.update({ data: { balance: 0, updatedAt: now } })
      await outbox.update({ data: { status: 'no_quota', claimToken: '', lastError: errMsg, results: [...doc.results, entry('no_quota', errCode, errMsg)] } })
      return 'no_quota'
    }
    // only a delivered message uses up quota
    await sub.update({ data: { balance: _.inc(1), updatedAt: now } })
    const isFinal = (errCode !== null && PERMANENT_ERRORS.has(errCode)) || doc.attempts >= MAX_ATTEMPTS
    if (isFinal) {
      await outbox.update({ data: { status: 'failed', claimToken: '', lastError: errMsg, results: [...doc.results, entry('failed', errCode, errMsg)] } })
      return 'failed'
    }
    const delay = BACKOFF_MS[Math.min(doc.attempts, BACKOFF_MS.length) - 1]
    await outbox.update({
      data: {
        status: 'pending',
        claimToken: '',
        lastError: errMsg,
        nextAttemptAt: new Date(doc.lastAttemptAt ? doc.lastAttemptAt.getTime() + delay : now.getTime() + delay),
        results: [...doc.results, entry('retry', errCode, errMsg)],
      },
    })
    return 'retry'
  })
}
