import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Calls `reload` each time the person comes back to the page (from a page they opened on top of it),
 * but not on the first show: the page's own load is already on its way then.
 */
export function useReloadOnReturn(...reloads: Array<() => void>): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) for (const reload of reloads) reload()
    shown.current = true
  })
}
