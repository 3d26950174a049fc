import { createHmac } from 'crypto'
import { purposeKey } from './signing'

/**
 * Ids that reach phones must not carry anyone's openid (an openid is the key to a person across every
 * collection). Role documents are named by a keyed hash of who, where and what: the same grant always
 * gets the same id (a replayed approval writes the same document), and without the key nobody can tell
 * whose role an id is. Key: GHT_ROLE_ID_KEY, or derived from GHT_HASH_KEY (server/privacy/signing.ts).
 */
const roleIdKey = () => purposeKey('GHT_ROLE_ID_KEY', 'ght role id v1')

/** `r-` and 24 hex digits (96 bits of a keyed hash). */
export function roleIdFor(openid: string, unionId: string, role: string): string {
  return `r-${createHmac('sha256', roleIdKey()).update(`${openid}|${unionId}|${role}`).digest('hex').slice(0, 24)}`
}
