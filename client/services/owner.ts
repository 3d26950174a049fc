import Taro from '@tarojs/taro'
import { whoamiActions } from '../../shared/account/schemas'
import { call } from './api'

/** The last person whose drafts this phone keeps, so an offline start still finds their own draft. */
const LAST_OWNER = 'draft-owner'
const DRAFT_PREFIX = 'draft:'
/** Drafts typed offline on a phone that has never known anyone: handed to the first person who signs in. */
const NOBODY_YET = '~'

let known: string | null | undefined
let asking: Promise<string | null> | null = null

/** The signed-in person's draft owner key once known in this launch (undefined: not asked yet or on its way). */
export const knownOwner = (): string | null | undefined => known

/**
 * Whose drafts this phone may show now: the account's `ownerKey` from whoami, asked once per launch.
 * When someone else signs in on the phone, the drafts of the one before are deleted (they may hold
 * names, addresses, uploads). Offline, the last known owner stands, so a lost network loses nothing;
 * when nobody can be told (signed out), null: drafts stay in memory only.
 */
export function draftOwner(): Promise<string | null> {
  asking ??= call(whoamiActions.whoami, {}).then((answer) => {
    const last = Taro.getStorageSync(LAST_OWNER)
    const lastOwner = typeof last === 'string' && last !== '' ? last : null
    if (answer.ok && answer.data.ownerKey) {
      if (answer.data.ownerKey !== lastOwner) {
        if (lastOwner === null) adoptDraftsOfNobody(answer.data.ownerKey)
        forgetDraftsOfOthers(answer.data.ownerKey)
        Taro.setStorageSync(LAST_OWNER, answer.data.ownerKey)
      }
      known = answer.data.ownerKey
    } else {
      known = !answer.ok && answer.offline ? (lastOwner ?? NOBODY_YET) : null
      // ask again next time: the answer may come once the network is back
      asking = null
    }
    return known
  })
  return asking
}

function storedKeys(): string[] {
  try {
    return Taro.getStorageInfoSync().keys
  } catch {
    return []
  }
}

function forgetDraftsOfOthers(owner: string): void {
  for (const key of storedKeys()) if (key.startsWith(DRAFT_PREFIX) && !key.startsWith(`${DRAFT_PREFIX}${owner}:`)) Taro.removeStorageSync(key)
}

function adoptDraftsOfNobody(owner: string): void {
  const from = `${DRAFT_PREFIX}${NOBODY_YET}:`
  for (const key of storedKeys()) {
    if (!key.startsWith(from)) continue
    Taro.setStorageSync(`${DRAFT_PREFIX}${owner}:${key.slice(from.length)}`, Taro.getStorageSync(key))
    Taro.removeStorageSync(key)
  }
}
