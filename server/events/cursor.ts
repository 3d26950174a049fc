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
