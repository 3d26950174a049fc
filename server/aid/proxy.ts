import { z } from 'zod'
import type { Database } from '../context'
import { findById } from '../db'
import { displayName } from '../requests/people'
import type { ProxyDoc } from '../../shared/aid/records'
import { maskName } from '../../shared/privacy/mask'

/** A 代办 as either side sees it; the other person's name masked except for the worker's own cadre. */
export function toProxyView(p: ProxyDoc, viewerOpenid: string, unionName: string) {
  const isWorker = p.workerOpenid === viewerOpenid
  return {
    id: p._id,
    cadreName: p.cadreName,
    workerName: isWorker ? p.workerName : maskName(p.workerName),
    unionName,
    status: p.status,
    createdAt: p.createdAt,
    isWorker,
  }
}

const RegisteredName = z.object({ name: z.string().default('') })

/**
 * The name a 代办 knows a member by: the member register's (the name on the ID card, as the 代办 list
 * shows it), else the account's nickname, else `fallback`. So the card after "请求代办" names the same
 * 李*强 as the row that was tapped.
 */
export async function memberName(db: Database, openid: string, fallback: string): Promise<string> {
  const registered = (await findById(db.collection('member_profiles'), openid, RegisteredName))?.name.trim()
  return registered || displayName(db, openid, fallback)
}
