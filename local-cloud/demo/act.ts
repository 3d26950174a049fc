import * as sdk from 'wx-server-sdk'
import { z } from 'zod'
import { envelopeOf, type AnyAction, type InputOf, type OutputOf } from '../../shared/contract'
import type { LocalCloud } from '..'

const AnyEnvelope = envelopeOf(z.unknown())

/** Runs an action as a demo person, the way their phone would; a refusal stops the demo set-up with its message. */
export async function actAs<A extends AnyAction>(cloud: LocalCloud, openid: string, action: A, input: InputOf<A>): Promise<OutputOf<A>> {
  const envelope = AnyEnvelope.parse(await cloud.invoke(action.fn, { action: action.name, input }, { openid }))
  if (!envelope.ok) throw new Error(`演示数据：${action.fn}.${action.name}（${openid}）失败：${envelope.error.message}`)
  return z.parse<A['output']>(action.output, envelope.data)
}

/**
 * The database as an operator sees it: the real SDK in this process, pointed at the local cloud by
 * startLocalCloud. Used only to move demo records through time (local mode); rules stay in the functions.
 */
export function operatorDb() {
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  return sdk.database()
}
