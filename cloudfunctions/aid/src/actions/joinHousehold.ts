import type { Handler } from '../../../../server/createFunction'
import { joinHousehold as join } from '../../../../server/aid/family'
import type { aidActions } from '../../../../shared/aid/actions'

/** 加入家人的户: only the person themselves (never under 代办). */
export const joinHousehold: Handler<typeof aidActions.joinHousehold> = async ({ code }, ctx) => {
  await join(ctx, code)
  return { joined: true as const }
}
