import Taro from '@tarojs/taro'
import { z } from 'zod'

/**
 * 大字模式 (large type). Every size in our styles is rem, so one root font size scales the whole page:
 * weapp sets it per page through <PageMeta rootFontSize> (see PageShell), H5 on <html>.
 * Off, the weapp root follows WeChat's own font-size setting ("system"); on, it is 1.25× that, at least 20px.
 */
const STORAGE_KEY = 'pref:largeType'
const LARGE_FACTOR = 1.25
const LARGE_MIN_PX = 20
const LARGE_MAX_PX = 32

type Listener = () => void
const listeners = new Set<Listener>()
let current: boolean | undefined

export function isLargeType(): boolean {
  if (current === undefined) current = readStored()
  return current
}

export function setLargeType(on: boolean): void {
  current = on
  Taro.setStorageSync(STORAGE_KEY, on)
  applyToDocument()
  for (const listener of listeners) listener()
}

export function subscribeLargeType(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The value for <PageMeta rootFontSize> on weapp. */
export function weappRootFontSize(large: boolean): string {
  if (!large) return 'system'
  return `${Math.round(Math.min(LARGE_MAX_PX, Math.max(LARGE_MIN_PX, wechatFontPx() * LARGE_FACTOR)))}px`
}

/** H5: scales <html> from the browser's own default, so a reader's browser setting still counts. */
export function applyToDocument(): void {
  if (__TARGET__ !== 'h5') return
  document.documentElement.style.fontSize = isLargeType() ? `${LARGE_FACTOR * 100}%` : '100%'
}

function readStored(): boolean {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === true
  } catch {
    return false
  }
}

// WeChat's font-size setting in px (iOS standard 17, Android 16 × factor); domain.md §C.
// Taro's typing of getAppBaseInfo() leaves the field out, so it is parsed, not assumed.
const AppFontSetting = z.object({ fontSizeSetting: z.number().positive() })

function wechatFontPx(): number {
  try {
    const info = AppFontSetting.safeParse(Taro.getAppBaseInfo())
    return info.success ? info.data.fontSizeSetting : 16
  } catch {
    return 16
  }
}
