import { addWorkingDays } from '../requests/sla'

/**
 * 公示 (domain.md A9, B11): only a masked name, the unit, the scheme and the amount are shown, for a
 * configured number of working days; then the notice closes itself and is no longer listed.
 */

/** 张三丰 → 张*: the surname and one star, so the notice does not even tell the name's length. */
export function noticeName(name: string): string {
  const first = Array.from(name.trim())[0]
  return first ? `${first}*` : '*'
}

/** When a notice that starts at `from` ends: `days` working days later, skipping weekends and holidays. */
export function noticeEndsAt(from: Date, days: number, holidays: readonly string[]): Date {
  return addWorkingDays(from, days, new Set(holidays))
}

export const OBJECTION_MAX = 200
