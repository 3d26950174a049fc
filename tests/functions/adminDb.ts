import * as cloud from 'wx-server-sdk'
import { z } from 'zod'

/**
 * The database as an operator sees it: the real SDK in the test process, pointed at the test cloud
 * by the same environment seam the functions use. Tests read what a call wrote (or did not write).
 */
export function adminDb() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  const Docs = z.object({ data: z.array(z.record(z.string(), z.unknown())) })
  const Count = z.object({ total: z.number() })
  return {
    db,
    async find(collection: string, where: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
      return Docs.parse(await db.collection(collection).where(where).limit(100).get()).data
    },
    async count(collection: string, where: Record<string, unknown> = {}): Promise<number> {
      return Count.parse(await db.collection(collection).where(where).count()).total
    },
  }
}
