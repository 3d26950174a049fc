import { useSyncExternalStore } from 'react'
import { isLargeType, setLargeType, subscribeLargeType } from '../services/largeType'

/** `[isLarge, setLarge]`: the 大字模式 switch, shared by every page and persisted on the phone. */
export function useLargeType(): [boolean, (on: boolean) => void] {
  const large = useSyncExternalStore(subscribeLargeType, isLargeType, isLargeType)
  return [large, setLargeType]
}
