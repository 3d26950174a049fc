import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Calls `reload` each time the person comes back to the page (from a page they opened on top of it, or
 * another tab): a show that follows a hide. Not on the first show, when the page's own load is on its way;
 * and it works in a component that mounts after the page first showed (the 工作台 under 首页's whoami),
 * whose first show event is already the return.
 */
export function useReloadOnReturn(...reloads: Array<() => void>): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    for (const reload of reloads) reload()
  })
}
