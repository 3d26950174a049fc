import { dayjs, inChina, TZ } from '../../../shared/date'

/** How a time is typed on H5 and kept in drafts: China time, minutes. */
export const TIME_EXAMPLE = '2026-12-05 14:00'
export const DATE_EXAMPLE = '2026-12-05'

const pad = (n: number) => String(n).padStart(2, '0')

/** The draft text of a time (China time), e.g. for a form loaded from the server. */
export const textOfTime = (d: Date): string => inChina(d).format('YYYY-MM-DD HH:mm')
export const textOfDate = (d: Date): string => inChina(d).format('YYYY-MM-DD')

/**
 * Reads '2026-12-05 14:00' (or '2026-12-5 9:00', '2026/12/05 14:00') as China time; a date without a
 * time is the start of that day. Null when it is not a real date and time.
 */
export function parseChinaTime(text: string): Date | null {
  const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2})[:：](\d{2}))?\s*$/.exec(text)
  if (!m) return null
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const t = dayjs.tz(`${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`, TZ)
  // 2月30日 rolls over into March: refuse it rather than move the event
  if (!t.isValid() || t.month() + 1 !== month || t.date() !== day) return null
  return t.toDate()
}

/** The last moment of a China day, for "up to and including this day" filters. */
export const endOfChinaDay = (d: Date): Date => inChina(d).endOf('day').toDate()
