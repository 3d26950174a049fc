import { z } from 'zod'
import { UnionId } from './schemas'

/** 工作台: what waits for a chair or a federation cadre, and the union's figures; each opens its list. */
export const WorkbenchInput = z.object({ unionId: UnionId })
export const Workbench = z.object({
  unionId: z.string(),
  unionName: z.string(),
  /** federation staff see their whole subtree */
  subtree: z.boolean(),
  waiting: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number().int(), overdue: z.number().int() })),
  /** more requests wait than were read: the list page has them all */
  waitingMore: z.boolean(),
  members: z.number().int(),
  newThisYear: z.number().int(),
  year: z.number().int(),
  /** this month's dues, when recorded: the union's, or for a subtree the sums of the unions that recorded it (`unions` of them) */
  dues: z
    .object({ month: z.string(), monthLabel: z.string(), paid: z.number().int(), unpaid: z.number().int(), totalFen: z.number().int(), unions: z.number().int().optional() })
    .nullable(),
})
export type Workbench = z.infer<typeof Workbench>
