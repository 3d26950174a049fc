import { z } from 'zod'
import { defineActions } from '../contract/action'
import { Balances, ListInboxInput, ListInboxOutput, MarkReadInput, RecordSubscribeInput } from './schemas'
import { TemplateKey } from './templates'

const Empty = z.object({})

/** The `notify` cloud function: subscribe quota, template ids for the popup, and the in-app inbox. */
export const notifyActions = defineActions('notify', {
  /** banks one message per accepted template (one-time subscribe messages, domain.md §B1) */
  recordSubscribe: [RecordSubscribeInput, z.object({ balances: Balances })],
  /** `opened`: the kinds this person ever allowed in WeChat's popup (0 left of those is 用完, else 未开启) */
  balances: [Empty, z.object({ balances: Balances, opened: z.array(TemplateKey) })],
  /** template ids the client passes to requestSubscribeMessage (not secret; configured on the server) */
  subscribeConfig: [Empty, z.object({ templateIds: z.partialRecord(TemplateKey, z.string()) })],
  listInbox: [ListInboxInput, ListInboxOutput],
  markRead: [MarkReadInput, z.object({ updated: z.number().int().min(0) })],
  unreadCount: [Empty, z.object({ count: z.number().int().min(0) })],
})
