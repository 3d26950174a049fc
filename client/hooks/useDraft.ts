import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { z } from 'zod'

const PREFIX = 'draft:'

/**
 * A form draft that survives a killed app: `const [form, setForm, clearDraft] = useDraft('aid.school', empty)`.
 * Every change is written to storage synchronously; call `clearDraft()` only after the server said ok.
 * A stored draft is used only if it still has the shape of `initial` (or passes `schema`, when given),
 * so a draft left by an older version of the form never reaches the page unchecked.
 */
export function useDraft<T>(
  key: string,
  initial: T,
  schema?: z.ZodType<T>,
): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const storageKey = PREFIX + key
  const [draft, setDraftState] = useState<T>(() => readDraft(storageKey, initial, schema))

  const setDraft = useCallback(
    (next: T | ((prev: T) => T)) => {
      setDraftState((prev) => {
        const value = typeof next === 'function' ? (next as (prev: T) => T)(prev) : next
        Taro.setStorageSync(storageKey, value)
        return value
      })
    },
    [storageKey],
  )

  const clearDraft = useCallback(() => {
    Taro.removeStorageSync(storageKey)
    setDraftState(initial)
    // `initial` is the form's empty value; a new object each render must not re-create the callback
  }, [storageKey])

  return [draft, setDraft, clearDraft]
}

/** Whether a draft is saved under `key` (e.g. to offer "继续填写"). */
export function hasDraft(key: string): boolean {
  const stored: unknown = Taro.getStorageSync(PREFIX + key)
  return stored !== '' && stored !== undefined && stored !== null
}

function readDraft<T>(storageKey: string, initial: T, schema?: z.ZodType<T>): T {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(storageKey)
  } catch {
    return initial
  }
  if (stored === '' || stored === undefined || stored === null) return initial
  if (schema) {
    const parsed = schema.safeParse(stored)
    return parsed.success ? parsed.data : initial
  }
  return hasShapeOf(initial, stored) ? stored : initial
}

/** Same shape as the template: same kinds all the way down (arrays are checked only for being arrays). */
function hasShapeOf<T>(template: T, value: unknown): value is T {
  if (Array.isArray(template)) return Array.isArray(value)
  if (template !== null && typeof template === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
    const record: Record<string, unknown> = { ...value }
    return Object.entries(template).every(([k, v]) => k in record && hasShapeOf(v, record[k]))
  }
  return typeof value === typeof template
}
