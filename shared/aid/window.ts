import { inChina } from '../date'
import type { AidWindow } from './config'

/** '07-01' → '7月1日' */
const monthDayText = (md: string): string => {
  const [m, d] = md.split('-').map(Number)
  return `${m}月${d}日`
}

const wraps = (w: NonNullable<AidWindow>): boolean => w.start > w.end

/** 申请时间 as people read it: 每年7月1日至8月27日 / 每年12月15日至次年2月15日 / 全年可申请. */
export function windowText(window: AidWindow): string {
  if (window === null) return '全年可申请'
  return `每年${monthDayText(window.start)}至${wraps(window) ? '次年' : ''}${monthDayText(window.end)}`
}

/** Whether `now` falls inside the window, both ends included, on China's calendar. */
export function isWindowOpen(window: AidWindow, now: Date): boolean {
  if (window === null) return true
  const md = inChina(now).format('MM-DD')
  return wraps(window) ? md >= window.start || md <= window.end : md >= window.start && md <= window.end
}

export interface WindowState {
  open: boolean
  text: string
  /** why an application cannot be made now; null when open */
  problem: string | null
}

export function windowState(window: AidWindow, now: Date, schemeName: string): WindowState {
  const open = isWindowOpen(window, now)
  const text = windowText(window)
  return { open, text, problem: open ? null : `${schemeName}的申请时间是${text}，现在不在申请时间内。` }
}

/**
 * The year an application counts for (one 金秋助学 per child per year, yearly caps). A window that runs
 * over New Year (送温暖 12月–2月) belongs to the year it opened in.
 */
export function aidYear(window: AidWindow, now: Date): number {
  const today = inChina(now)
  if (window !== null && wraps(window) && today.format('MM-DD') <= window.end) return today.year() - 1
  return today.year()
}
