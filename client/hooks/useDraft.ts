import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { findBankCards, findIdNumbers, redactSensitive } from '../../shared/privacy/detect'
import { draftOwner, knownOwner } from '../services/owner'

const PREFIX = 'draft:'

/**
 * A form draft that survives a killed app: `const [form, setForm, clearDraft] = useDraft('aid.school', empty)`.
 * Every change is written to storage synchronously; call `clearDraft()` only after the server said ok.
 *
 * A draft belongs to the signed-in person: it is stored under their owner key (services/owner), read
 * only once the phone knows who is signed in, and deleted when someone else signs in. A full ID or
 * bank card number stays in the form while it is open but is never written to storage: the stored
 * draft has that field empty (or the number masked inside longer text), and the person types it again.
 *
 * A stored draft is used only if it still has the shape of `initial` (or passes `schema`, when given),
 * so a draft left by an older version of the form never reaches the page unchecked.
 */
export function useDraft<T>(
  key: string,
  initial: T,
  schema?: z.ZodType<T>,
): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const startOwner = knownOwner()
  const [draft, setDraftState] = useState<T>(() => (startOwner ? readDraft(storageKeyOf(startOwner, key), initial, schema) : initial))
  const owner = useRef<string | null | undefined>(startOwner)
  // typed before the owner was known: keep what was typed rather than replace it with the stored draft
  const touched = useRef(false)
  const pending = useRef<((prev: T) => T)[]>([])
  const latest = useRef(draft)
  latest.current = draft

  useEffect(() => {
    if (owner.current !== undefined) return
    let live = true
    void draftOwner().then((found) => {
      if (!live) return
      owner.current = found
      const replay = pending.current
      pending.current = []
      if (!found) return
      if (touched.current) {
        writeDraft(storageKeyOf(found, key), latest.current)
        return
      }
      // updates made from the previous value while the owner was unknown (a form filling itself from the
      // profile) are made again on the stored draft, so they neither lose it nor are lost
      const stored = replay.reduce((value, update) => update(value), readDraft(storageKeyOf(found, key), initial, schema))
      if (replay.length) writeDraft(storageKeyOf(found, key), stored)
      setDraftState(stored)
    })
    return () => {
      live = false
    }
    // `initial` and `schema` describe the form; a new object each render must not reload the draft
  }, [key])

  const setDraft = useCallback(
    (next: T | ((prev: T) => T)) => {
      if (owner.current === undefined && typeof next === 'function') pending.current.push(next as (prev: T) => T)
      else touched.current = true
      setDraftState((prev) => {
        const value = typeof next === 'function' ? (next as (prev: T) => T)(prev) : next
        if (owner.current) writeDraft(storageKeyOf(owner.current, key), value)
        return value
      })
    },
    [key],
  )

  const clearDraft = useCallback(() => {
    if (owner.current) Taro.removeStorageSync(storageKeyOf(owner.current, key))
    touched.current = false
    setDraftState(initial)
    // `initial` is the form's empty value; a new object each render must not re-create the callback
  }, [key])

  return [draft, setDraft, clearDraft]
}

/** Whether the signed-in person has a draft saved under `key` (e.g. to offer "继续填写"); false until the phone knows who it is. */
export function hasDraft(key: string): boolean {
  const owner = knownOwner()
  if (!owner) return false
  const stored: unknown = Taro.getStorageSync(storageKeyOf(owner, key))
  return stored !== '' && stored !== undefined && stored !== null
}

const storageKeyOf = (owner: string, key: string) => `${PREFIX}${owner}:${key}`

function writeDraft(storageKey: string, value: unknown): void {
  Taro.setStorageSync(storageKey, withoutFullNumbers(value))
}

/**
 * The draft as it may rest on the phone: a value that is a full ID or bank card number becomes '',
 * and one inside longer text (情况说明) is masked. Everything else is kept as typed.
 */
export function withoutFullNumbers<T>(value: T): T {
  if (typeof value === 'string') {
    const squeezed = value.replace(/[\s-]/g, '').toUpperCase()
    const found = [...findIdNumbers(value), ...findBankCards(value)]
    if (found.length === 0) return value
    return (found.includes(squeezed) ? '' : redactSensitive(value)) as T
  }
  if (Array.isArray(value)) return value.map((v: unknown) => withoutFullNumbers(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutFullNumbers(v)])) as T
  }
  return value
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
