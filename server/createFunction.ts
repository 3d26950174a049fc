import { z } from 'zod'
import {
  AppError,
  CallEvent,
  MAX_PAYLOAD_BYTES,
  fail,
  findOperatorKey,
  ok,
  parseOrThrow,
  type AnyAction,
  type Envelope,
  type OutputOf,
  type ParsedInputOf,
} from '../shared/contract'
import { RoleGrant } from '../shared/domain/union'
import type { CloudSdk, Ctx } from './context'
import { findMany } from './db'

/** One action's handler: a plain function of the parsed input and the caller's context. */
export type Handler<A extends AnyAction> = (input: ParsedInputOf<A>, ctx: Ctx) => Promise<OutputOf<A>>
/** Exactly one handler per declared action; a missing one is a type error. */
export type Handlers<Acts extends Record<string, AnyAction>> = { [K in keyof Acts]: Handler<Acts[K]> }
/** What CloudBase calls: the event in, an envelope out. */
export type Main = (event: unknown) => Promise<Envelope<unknown>>

export interface FunctionOptions<Acts extends Record<string, AnyAction>> {
  /** timer triggers declared in config.json, by trigger name; they run with no caller identity */
  timers?: Record<string, (ctx: Ctx) => Promise<unknown>>
  /** actions that may run without an openid (none by default) */
  anonymous?: ReadonlyArray<keyof Acts & string>
}

const TimerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string() })

/** Reads the caller's role grants. Explicit limit: nobody holds 100 roles. */
export async function loadGrants(db: Ctx['db'], openid: string): Promise<RoleGrant[]> {
  if (!openid) return []
  return findMany(db.collection('roles').where({ openid }), RoleGrant, 100)
}

/** A declared action bound to its handler: parse input → build context → handler → parse output. */
type Route = { readonly anonymous: boolean; run(rawInput: unknown, makeCtx: () => Promise<Ctx>): Promise<unknown> }

function bind<A extends AnyAction>(action: A, handler: Handler<A>, anonymous: boolean): Route {
  return {
    anonymous,
    async run(rawInput, makeCtx) {
      const input = parseOrThrow<A['input']>(action.input, rawInput)
      const smuggled = findOperatorKey(input)
      if (smuggled !== null) throw new AppError('INVALID_INPUT', '提交的内容包含不允许的字符', { [smuggled]: '名称不能以 $ 开头' })
      const output = await handler(input, await makeCtx())
      // Parsing the output strips every field the contract does not declare, so nothing internal leaks.
      return action.output.parse(output)
    },
  }
}

function byteLength(event: unknown): number {
  return Buffer.byteLength(JSON.stringify(event ?? null) ?? '', 'utf8')
}

/**
 * Builds a cloud function's `main`: size check → `{action, input}` → identity from
 * getWXContext() → roles → zod-parsed input → handler → zod-parsed output → envelope.
 * An AppError becomes its own envelope; anything else is logged and answered as INTERNAL.
 */
export function createFunction<Acts extends Record<string, AnyAction>>(
  cloud: CloudSdk,
  actions: Acts,
  handlers: Handlers<Acts>,
  options: FunctionOptions<Acts> = {},
): Main {
  const routes = new Map<string, Route>()
  const anonymous: ReadonlyArray<string> = options.anonymous ?? []
  const isDeclared = (name: string): name is keyof Acts & string => Object.prototype.hasOwnProperty.call(actions, name)
  const add = <K extends keyof Acts & string>(name: K) => {
    if (typeof handlers[name] !== 'function') throw new Error(`action "${name}" has no handler`)
    routes.set(name, bind(actions[name], handlers[name], anonymous.includes(name)))
  }
  for (const name of Object.keys(actions)) if (isDeclared(name)) add(name)

  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const now = new Date()
    let actionName = ''
    try {
      const db = cloud.database()
      const { OPENID, APPID } = cloud.getWXContext()
      const openid = typeof OPENID === 'string' ? OPENID : ''
      const timer = TimerEvent.safeParse(event)
      // Only the runtime says a call came from a trigger: SCF sets TRIGGER_SRC=timer for a timer invocation
      // (node-sdk reads the same variable to pick the trigger's token). The event body proves nothing: any
      // caller without a session can send a timer-shaped one. Anything else timer-shaped is a malformed call.
      if (timer.success && !openid && process.env.TRIGGER_SRC === 'timer') {
        actionName = `timer:${timer.data.TriggerName}`
        const run = options.timers?.[timer.data.TriggerName]
        if (!run) return fail('UNKNOWN_ACTION', `未知的定时任务：${timer.data.TriggerName}`)
        return ok(await run({ openid: '', appid: '', grants: [], db, cloud, now }))
      }
      if (byteLength(event) > MAX_PAYLOAD_BYTES) return fail('PAYLOAD_TOO_LARGE')
      const call = CallEvent.safeParse(event)
      if (!call.success) return fail('INVALID_INPUT', '请求格式不正确，请更新小程序后再试')
      actionName = call.data.action
      const route = routes.get(actionName)
      if (!route) return fail('UNKNOWN_ACTION')
      if (!openid && !route.anonymous) return fail('UNAUTHENTICATED')
      const appid = typeof APPID === 'string' ? APPID : ''
      const makeCtx = async (): Promise<Ctx> => ({ openid, appid, grants: await loadGrants(db, openid), db, cloud, now })
      return ok(await route.run(call.data.input ?? {}, makeCtx))
    } catch (err) {
      if (err instanceof AppError) return err.toEnvelope()
      console.error(`[function error] action=${actionName || '?'}`, err)
      return fail('INTERNAL')
    }
  }
}
