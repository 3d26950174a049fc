import type { z } from 'zod'
import type { EventHistoryAction } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import type { Writer } from '../notify/transaction'
import { EV } from './collections'

/**
 * One line of an event's append-only history (who, what, when, why), written in the same transaction as
 * the change it records: organisers' edits, and every move of a sign-up (报名, 候补递补, 取消, 签到 …).
 * The note names the sign-up by its id, never by a person's name.
 */
export async function addEventHistory(
  tx: Writer,
  eventId: string,
  action: z.infer<typeof EventHistoryAction>,
  actor: Pick<Ctx, 'openid' | 'now'>,
  note = '',
): Promise<void> {
  await tx.collection(EV.history).add({ data: { eventId, action, actorOpenid: actor.openid, at: actor.now, note } })
}
