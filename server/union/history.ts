import { z } from 'zod'
import { Role } from '../../shared/domain/union'
import { txAdd, type Transaction } from '../requests/tx'

/** `union_history` (append-only): every change to a union and its offices, who made it, when and why. */
export const UNION_HISTORY = 'union_history'

export const UnionHistoryAction = z.enum([
  'create_root',
  'register',
  'invite',
  'accept_invitation',
  'appoint',
  'remove',
  'set_approver',
  'rename',
  'dissolve',
  'record_dues',
  'expel',
  'exempt',
  'end_exemption',
  'export_roster',
])
export type UnionHistoryAction = z.infer<typeof UnionHistoryAction>

export const UnionHistoryEntry = z.object({
  unionId: z.string(),
  unionPath: z.array(z.string()),
  at: z.date(),
  /** '' for the bootstrap command and timers */
  actorOpenid: z.string(),
  action: UnionHistoryAction,
  role: Role.nullable(),
  /** whose office changed: server-only, never answered to a phone */
  subjectOpenid: z.string().nullable(),
  note: z.string(),
})
export type UnionHistoryEntry = z.infer<typeof UnionHistoryEntry>

/** Appends one line; call it inside the transaction that makes the change. */
export async function addUnionHistory(tx: Transaction, entry: UnionHistoryEntry): Promise<void> {
  await txAdd(tx, UNION_HISTORY, UnionHistoryEntry.parse(entry))
}
