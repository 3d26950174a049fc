import type { DB } from 'wx-server-sdk'
import { z } from 'zod'

/** An opaque list cursor: the last row's sort time and id (a range cursor, never a skip). */
const Cursor = z.object({ at: z.number(), id: z.string() })
export type Cursor = z.infer<typeof Cursor>

export const encodeCursor = (at: Date, id: string): string => Buffer.from(JSON.stringify({ at: at.getTime(), id })).toString('base64url')

/** A cursor the client sent back; a damaged one starts from the top instead of failing. */
export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null
  try {
    return Cursor.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
  } catch {
    return null
  }
}

type Direction = 'asc' | 'desc'

/**
 * The rows after a (time, _id) position in a list sorted by `field` then `_id`: a later (or, descending,
 * an earlier) time, or the same time and an _id further on. An index range, never a skip.
 */
export function beyond(_: DB.DatabaseCommand, field: string, at: Date, id: string, order: { time: Direction; id: Direction }) {
  const past = <V extends Date | string>(d: Direction, v: V) => (d === 'asc' ? _.gt(v) : _.lt(v))
  return _.or([{ [field]: past(order.time, at) }, { [field]: at, _id: past(order.id, id) }])
}
