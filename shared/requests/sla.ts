import { z } from 'zod'
import { inChina } from '../date'

/** Default 办理时限 for a review step when neither the kind nor the configuration says otherwise. */
export const DEFAULT_SLA_WORKING_DAYS = 5

const isWeekend = (day: number): boolean => day === 0 || day === 6

/**
 * The moment `days` working days after `from`, counted on China's calendar: Saturdays, Sundays
 * and any date in `holidays` ('YYYY-MM-DD') do not count; the time of day is kept.
 * A request handed in on a Saturday morning with 1 working day is due Monday morning.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string> = new Set()): Date {
  if (!Number.isInteger(days) || days < 0) throw new Error(`working days must be a whole number ≥ 0, got ${days}`)
  let cursor = inChina(from)
  let left = days
  while (left > 0) {
    cursor = cursor.add(1, 'day')
    if (!isWeekend(cursor.day()) && !holidays.has(cursor.format('YYYY-MM-DD'))) left -= 1
  }
  return cursor.toDate()
}

/**
 * 办理时限 configuration, per deployment (local rules differ: domain.md A9 "make SLA timers configurable"):
 * env REVIEW_SLA_CONFIG = '{"default":5,"kinds":{"aid.schoolAid":10},"holidays":["2025-10-01"]}'.
 */
export const SlaConfig = z.object({
  default: z.number().int().min(1).max(60).optional(),
  kinds: z.record(z.string(), z.number().int().min(1).max(60)).default({}),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
})
export type SlaConfig = z.infer<typeof SlaConfig>

/** Reads the configuration; anything unreadable falls back to the defaults (and says so in the log). */
export function parseSlaConfig(raw: string | undefined): SlaConfig {
  if (!raw) return SlaConfig.parse({})
  try {
    const parsed = SlaConfig.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data
  } catch {
    // fall through
  }
  console.error('[requests] REVIEW_SLA_CONFIG is not valid; using the default of 5 working days')
  return SlaConfig.parse({})
}

/** Working days for one step of `kind`: the deployment's per-kind value, else the kind's own, else the deployment default, else 5. */
export function slaWorkingDaysFor(kind: string, kindDefault: number | undefined, config: SlaConfig): number {
  return config.kinds[kind] ?? kindDefault ?? config.default ?? DEFAULT_SLA_WORKING_DAYS
}
