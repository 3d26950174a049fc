import { z } from 'zod'

/**
 * An action is declared once, here in shared/, and used by both ends:
 * the function router parses `input` before the handler runs, and
 * client/services/api.ts parses `output` before the page sees it.
 */
export interface ActionDef<Fn extends string, Name extends string, I extends z.ZodType, O extends z.ZodType> {
  readonly fn: Fn
  readonly name: Name
  readonly input: I
  readonly output: O
}

export type AnyAction = ActionDef<string, string, z.ZodType, z.ZodType>
export type InputOf<A extends AnyAction> = z.input<A['input']>
export type ParsedInputOf<A extends AnyAction> = z.output<A['input']>
export type OutputOf<A extends AnyAction> = z.output<A['output']>

/** Declares the actions of one cloud function: `defineActions('account', { whoami: [input, output] })`. */
export function defineActions<Fn extends string, M extends Record<string, readonly [z.ZodType, z.ZodType]>>(
  fn: Fn,
  map: M,
): { [K in keyof M & string]: ActionDef<Fn, K, M[K][0], M[K][1]> } {
  const out: Record<string, AnyAction> = {}
  for (const [name, [input, output]] of Object.entries(map)) out[name] = { fn, name, input, output }
  return out as { [K in keyof M & string]: ActionDef<Fn, K, M[K][0], M[K][1]> }
}

/** What travels from client to function: `{ action, input }`. Nothing else is trusted. */
export const CallEvent = z.object({ action: z.string().min(1).max(64), input: z.unknown().optional() })
export type CallEvent = z.infer<typeof CallEvent>

/** WeChat caps a callFunction text payload at 100 KB (domain.md B3). */
export const MAX_PAYLOAD_BYTES = 100 * 1024
