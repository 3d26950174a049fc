import { z } from 'zod'
import { defineActions } from '../contract/action'
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
  /** from 年度数据's running totals (union_stats): aid paid this year, events held and attendance this month */
  figures: z.object({ aidPersons: z.number().int(), aidFen: z.number().int(), sessionsThisMonth: z.number().int(), attendanceThisMonth: z.number().int() }),
  /** this month's dues, when recorded: the union's, or for a subtree the sums of the unions that recorded it (`unions` of them) */
  dues: z
    .object({ month: z.string(), monthLabel: z.string(), paid: z.number().int(), unpaid: z.number().int(), totalFen: z.number().int(), unions: z.number().int().optional() })
    .nullable(),
})
export type Workbench = z.infer<typeof Workbench>

/**
 * The 工作台 action declared beside its schemas: the 首页 tab (main package) imports it from here, without the
 * rest of the union function's schemas (and 年度数据's, which pull in aid and events), which stay in subpackages.
 * `unionActions` includes it.
 */
export const workbenchActions = defineActions('union', { workbench: [WorkbenchInput, Workbench] })
