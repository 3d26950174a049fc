import Taro from '@tarojs/taro'
import { z } from 'zod'
import { notifyActions } from '../../shared/notify/actions'
import { SubscribeChoice } from '../../shared/notify/schemas'
import { TemplateKey } from '../../shared/notify/templates'
import { call } from './api'

/**
 * Subscribe-message consent (订阅消息). WeChat opens the popup only inside a tap (base lib ≥2.8.2),
 * so call this at the very top of a tap handler, before any `await`:
 *
 *   function onSubmit() {
 *     void requestSubscribe(['reviewResult'])   // first line: the popup must come from the tap
 *     …then validate, await call(…)
 *   }
 *
 * Each "允许" banks one message of that template; the result is reported to notify.recordSubscribe.
 * weapp only (H5 resolves at once); never throws into the page.
 */
export const MAX_TEMPLATES_PER_REQUEST = 3 // domain.md §B1: 5 on the newest docs, 3 on older ones → 3

const STORAGE_KEY = 'notify:templateIds'
const TemplateIds = z.partialRecord(TemplateKey, z.string().min(1))
type TemplateIds = z.infer<typeof TemplateIds>

let cached: TemplateIds | undefined
let priming: Promise<void> | undefined

function cachedIds(): TemplateIds {
  if (cached) return cached
  try {
    const parsed = TemplateIds.safeParse(Taro.getStorageSync(STORAGE_KEY))
    cached = parsed.success ? parsed.data : {}
  } catch {
    cached = {}
  }
  return cached
}

/** Fetches the configured template ids once, so that a later tap can open the popup without waiting. */
export function primeSubscribe(): Promise<void> {
  if (__TARGET__ !== 'weapp') return Promise.resolve()
  priming ??= call(notifyActions.subscribeConfig, {})
    .then((result) => {
      if (!result.ok) return
      cached = result.data.templateIds
      Taro.setStorageSync(STORAGE_KEY, cached)
    })
    .catch(() => undefined)
    .finally(() => {
      priming = undefined
    })
  return priming
}

export function requestSubscribe(keys: readonly TemplateKey[]): Promise<void> {
  if (__TARGET__ !== 'weapp') return Promise.resolve()
  const ids = cachedIds()
  const wanted = [...new Set(keys)].slice(0, MAX_TEMPLATES_PER_REQUEST).flatMap((key) => {
    const id = ids[key]
    return id ? [{ key, id }] : []
  })
  if (wanted.length < Math.min(keys.length, MAX_TEMPLATES_PER_REQUEST)) void primeSubscribe()
  if (wanted.length === 0) return Promise.resolve()

  let popup: Promise<unknown>
  try {
    // synchronously inside the tap: nothing above this line awaits
    // entityIds is Alipay's name for the same list; Taro's typing wants it, WeChat ignores it
    popup = Taro.requestSubscribeMessage({ tmplIds: wanted.map((w) => w.id), entityIds: [] })
  } catch {
    return Promise.resolve()
  }
  return popup.then(
    (answer) => report(wanted, answer),
    // closed, messages turned off (20004), or a template id that changed (20001): nothing to bank; refresh the ids
    () => {
      void primeSubscribe()
    },
  )
}

const Answer = z.record(z.string(), z.unknown())

async function report(wanted: ReadonlyArray<{ key: TemplateKey; id: string }>, answer: unknown): Promise<void> {
  try {
    const parsed = Answer.safeParse(answer)
    if (!parsed.success) return
    const results: Partial<Record<TemplateKey, SubscribeChoice>> = {}
    for (const { key, id } of wanted) {
      const choice = SubscribeChoice.safeParse(parsed.data[id])
      if (choice.success) results[key] = choice.data
    }
    if (Object.keys(results).length > 0) await call(notifyActions.recordSubscribe, { results })
  } catch {
    // reporting is best effort: the next tap asks again
  }
}

// Fetch the template ids as soon as a page that asks for consent is loaded, unless they are on the phone already.
if (__TARGET__ === 'weapp' && Object.keys(cachedIds()).length === 0) void primeSubscribe()
