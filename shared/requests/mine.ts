import { z } from 'zod'
import { defineActions } from '../contract/action'
import { RequestStatus } from './state'

/**
 * What the 首页 tab and the tab bar badges read of the review function (我的申请, the 待办 count), apart from
 * the other request views (./views re-exports these): the tabs sit in the main package, whose size is capped,
 * and the chair's 待办 and decision views stay in the review subpackage. `reviewActions` includes these actions.
 */

export const KindKey = z.string().trim().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, '申请类型不正确')
/** Page size of every request list: explicit, ≤ 50. */
export const PageLimit = z.number().int().min(1, '每页至少1条').max(50, '每页最多50条').default(20)
/** Opaque range cursor: `<submittedAt ms>_<id>` of the last item of the previous page. */
export const Cursor = z.string().regex(/^\d{1,15}_[A-Za-z0-9_-]{1,64}$/, '翻页参数不正确')

export const ListPendingInput = z.object({ kind: KindKey.optional(), cursor: Cursor.optional(), limit: PageLimit })
export type ListPendingInput = z.infer<typeof ListPendingInput>
export const MyRequestsInput = ListPendingInput
export const PendingCountInput = z.object({})

/** One row of a request list (待办 or 我的申请). Nothing sensitive: the applicant's name is masked. */
export const RequestItem = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  subtitle: z.string(),
  applicantName: z.string(),
  status: RequestStatus,
  statusLabel: z.string(),
  step: z.number().int(),
  stepLabel: z.string(),
  unionName: z.string(),
  submittedAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  dueAt: z.coerce.date().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  lastReason: z.string(),
  /** the caller may decide on it now */
  canAct: z.boolean(),
  /** the caller may include it in a batch approval */
  canBatch: z.boolean(),
})
export type RequestItem = z.infer<typeof RequestItem>

/** How many requests wait for the caller (0 for someone who reviews nothing): the 待办 tile and the tab bar badge. */
export const PendingCountOutput = z.object({ total: z.number().int().min(0), overdue: z.number().int().min(0) })
export type PendingCountOutput = z.infer<typeof PendingCountOutput>

export const MyRequestsOutput = z.object({ items: z.array(RequestItem), nextCursor: z.string().nullable() })
export type MyRequestsOutput = z.infer<typeof MyRequestsOutput>

export const myRequestsActions = defineActions('review', {
  myRequests: [MyRequestsInput, MyRequestsOutput],
  pendingCount: [PendingCountInput, PendingCountOutput],
})
