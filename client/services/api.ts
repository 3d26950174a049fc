import Taro from '@tarojs/taro'
import { z } from 'zod'
import {
  envelopeOf,
  fieldErrors,
  fail,
  MAX_PAYLOAD_BYTES,
  ok,
  type AnyAction,
  type Fail,
  type InputOf,
  type Ok,
  type OutputOf,
} from '../../shared/contract'

/**
 * A failed call. `offline` is set when the answer never arrived (no network, timeout):
 * the request may not have reached the function, the person's draft stays on the phone.
 */
export type CallFail = Fail & { offline?: true }
export type CallResult<T> = Ok<T> | CallFail

/** Longest wait for a function's answer before we call it a network problem. */
export const CALL_TIMEOUT_MS = 15_000

export const OFFLINE_MESSAGE = '网络不通，没能提交。请检查网络后再试，已填写的内容保存在本机，不会丢失'
const UNREADABLE_MESSAGE = '系统返回的内容无法识别，请稍后再试或更新小程序'

/**
 * Calls one action of one cloud function — the ONLY place in the client that does.
 * Input is checked with the action's own schema first (no network call when it is wrong);
 * the answer is parsed with the action's output schema, so pages only ever see checked data.
 */
export async function call<A extends AnyAction>(action: A, input: InputOf<A>): Promise<CallResult<OutputOf<A>>> {
  const checked = action.input.safeParse(input)
  if (!checked.success) {
    const fields = fieldErrors(checked.error)
    const first = Object.values(fields)[0]
    return fail('INVALID_INPUT', first ? `填写的内容有误：${first}` : undefined, fields)
  }

  const event = { action: action.name, input }
  if (utf8Bytes(JSON.stringify(event)) > MAX_PAYLOAD_BYTES) return fail('PAYLOAD_TOO_LARGE')

  let raw: unknown
  try {
    raw = await send(action.fn, event)
  } catch (error) {
    return isNetworkProblem(error) ? offlineFail() : fail('INTERNAL')
  }

  const result = readAnswer<A['output']>(action.output, raw)

  if (__TARGET__ === 'h5' && !result.ok && result.error.code === 'UNAUTHENTICATED') {
    // Local H5 only: the local cloud serves the demo sign-in page. Removed from the weapp build.
    const next = window.location.pathname + window.location.search
    browser.open('/dev/login?next=' + encodeURIComponent(next))
  }
  return result
}

/** The H5 page's own navigation, kept apart so tests can watch it (jsdom cannot navigate). */
export const browser = {
  open(url: string): void {
    window.location.assign(url)
  },
}

/**
 * `envelopeOf(action.output)`, parsed in two steps: the envelope first, then the data with the action's
 * own schema, because TypeScript cannot follow a generic schema through the envelope's object type.
 */
function readAnswer<O extends z.ZodType>(output: O, raw: unknown): CallResult<z.output<O>> {
  const envelope = anyEnvelope.safeParse(raw)
  if (!envelope.success) return fail('INTERNAL', UNREADABLE_MESSAGE)
  if (!envelope.data.ok) return envelope.data
  const data = output.safeParse(envelope.data.data)
  return data.success ? ok(data.data) : fail('INTERNAL', UNREADABLE_MESSAGE)
}
const anyEnvelope = envelopeOf(z.unknown())

export function offlineFail(): CallFail {
  return { ...fail('INTERNAL', OFFLINE_MESSAGE), offline: true }
}

export function isOffline(result: CallResult<unknown>): boolean {
  return !result.ok && result.offline === true
}

function utf8Bytes(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

/** The transport of this build; the other one is left out of the bundle (constant folded). */
function send(fn: string, event: { action: string; input: unknown }): Promise<unknown> {
  return __TARGET__ === 'h5' ? sendOverHttp(fn, event) : sendThroughWeChat(fn, event)
}

/** A transport failure: the answer did not come back. */
class NetworkProblem extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'NetworkProblem'
  }
}

async function sendThroughWeChat(fn: string, event: { action: string; input: unknown }): Promise<unknown> {
  const res = await withTimeout(Taro.cloud.callFunction({ name: fn, data: event }))
  return res.result
}

async function sendOverHttp(fn: string, event: { action: string; input: unknown }): Promise<unknown> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), CALL_TIMEOUT_MS)
  let response: Response
  try {
    response = await fetch('/api/fn/' + encodeURIComponent(fn), {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: controller.signal,
    })
  } catch (error) {
    throw new NetworkProblem(error instanceof Error ? error.message : 'fetch failed')
  } finally {
    clearTimeout(timer)
  }
  // A proxy in front of the gateway answering 502/503/504 means the function was not reached.
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new NetworkProblem(`gateway ${response.status}`)
  }
  try {
    return await response.json()
  } catch {
    return undefined // not JSON: reported as an unreadable answer, not as offline
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NetworkProblem('timeout')), CALL_TIMEOUT_MS)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

// wx.cloud reports a lost connection or a timeout in errMsg ("request:fail", "timeout"); a function
// that threw reports an errCode such as -504002 instead, which is not a network problem.
const NETWORK_WORDS = /timeout|time out|request:fail|network|offline|ERR_INTERNET|超时|网络/i

function isNetworkProblem(error: unknown): boolean {
  if (error instanceof NetworkProblem) return true
  const text =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'errMsg' in error
        ? String(error.errMsg)
        : String(error)
  return NETWORK_WORDS.test(text)
}
