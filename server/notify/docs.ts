import { z } from 'zod'
import { TemplateKey, WeChatData } from '../../shared/notify/templates'

/** Where a message is in its life. 'sending' is a claim with a lease (nextAttemptAt = when it expires). */
export const OutboxStatus = z.enum(['pending', 'sending', 'sent', 'no_quota', 'no_template', 'failed'])
export type OutboxStatus = z.infer<typeof OutboxStatus>

/** One delivery attempt, as recorded on the outbox document. */
export const DeliveryResult = z.object({
  at: z.date(),
  outcome: z.enum(['sent', 'no_quota', 'no_template', 'retry', 'failed']),
  errCode: z.number().nullable(),
  errMsg: z.string(),
})
export type DeliveryResult = z.infer<typeof DeliveryResult>

/** `outbox`: a subscribe message waiting for, or done with, delivery. Written in the transaction of the change it reports. */
export const OutboxDoc = z.object({
  _id: z.string(),
  toOpenid: z.string(),
  template: TemplateKey,
  /** page the message opens ('' = none) */
  page: z.string(),
  /** WeChat-typed fields, already formatted and truncated */
  data: WeChatData,
  status: OutboxStatus,
  attempts: z.number().int().min(0),
  nextAttemptAt: z.date(),
  lastAttemptAt: z.date().nullable(),
  lastError: z.string(),
  /** which sender holds the 'sending' claim */
  claimToken: z.string(),
  results: z.array(DeliveryResult),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  requestId: z.string().nullable(),
  inboxId: z.string(),
})
export type OutboxDoc = z.infer<typeof OutboxDoc>

/** `inbox`: 消息, one per recipient; an approval never depends on a push arriving. */
export const InboxDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string(),
  template: TemplateKey,
  createdAt: z.date(),
  readAt: z.date().nullable(),
  requestId: z.string().nullable(),
})
export type InboxDoc = z.infer<typeof InboxDoc>

/** `subscriptions`: banked one-time subscribe quota per person and template; `_id` = `${openid}:${template}`. */
export const SubscriptionDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  template: TemplateKey,
  balance: z.number().int(),
  lastChoice: z.string().default(''),
  updatedAt: z.date(),
})
export type SubscriptionDoc = z.infer<typeof SubscriptionDoc>

export const subscriptionId = (openid: string, template: TemplateKey) => `${openid}:${template}`

export const OUTBOX = 'outbox'
export const INBOX = 'inbox'
export const SUBSCRIPTIONS = 'subscriptions'
export const NOTIFY_CONFIG = 'notify_config'
