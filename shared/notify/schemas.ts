import { z } from 'zod'
import { TemplateKey } from './templates'

/** What the person chose in WeChat's subscribe popup, per template. */
export const SubscribeChoice = z.enum(['accept', 'acceptWithAudio', 'reject', 'ban', 'filter'])
export type SubscribeChoice = z.infer<typeof SubscribeChoice>
export const isAccepted = (choice: SubscribeChoice) => choice === 'accept' || choice === 'acceptWithAudio'

/** A page of this mini-program a message opens, e.g. `packages/review/detail?id=r1` (no leading slash). */
export const NotifyPage = z
  .string()
  .max(200)
  .regex(/^([a-z0-9_-]+\/)*[a-z0-9_-]+(\?[A-Za-z0-9_\-=&%.]*)?$|^$/i, '消息跳转页面的路径不正确')

export const Balances = z.record(TemplateKey, z.number().int().min(0))
export type Balances = z.infer<typeof Balances>

/** 消息: one entry of the in-app inbox, as its owner sees it. */
export const InboxItem = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** page to open on tap ('' = nowhere to go) */
  page: z.string(),
  createdAt: z.string(),
  isRead: z.boolean(),
  requestId: z.string().nullable(),
})
export type InboxItem = z.infer<typeof InboxItem>

export const INBOX_PAGE_MAX = 50
export const MARK_READ_MAX = 50

export const ListInboxInput = z.object({
  /** opaque cursor from the previous page's `nextCursor` */
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(INBOX_PAGE_MAX).default(20),
})
export const ListInboxOutput = z.object({ items: z.array(InboxItem), nextCursor: z.string().nullable() })

export const MarkReadInput = z
  .object({
    ids: z.array(z.string().min(1).max(64)).max(MARK_READ_MAX).default([]),
    /** 全部已读 */
    all: z.boolean().default(false),
  })
  .refine((v) => v.all || v.ids.length > 0, { message: '请选择要标为已读的消息', path: ['ids'] })

export const RecordSubscribeInput = z.object({ results: z.partialRecord(TemplateKey, SubscribeChoice) })
