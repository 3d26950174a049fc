import Taro from '@tarojs/taro'
import { unreadActions } from '../../shared/notify/unread'
import { myRequestsActions } from '../../shared/requests/mine'
import { call } from './api'

export interface Counts {
  /** requests waiting for me as a reviewer, and how many of them are overdue */
  pending: { total: number; overdue: number }
  /** 我的消息 not yet read */
  unread: number
}

const HOME_TAB = 0
const ME_TAB = 2

/** The tab bar's number: at most 99, and a mark when some are overdue (a badge holds four characters). */
export function badgeText(count: number, overdue = 0): string {
  const n = count > 99 ? '99+' : String(count)
  return overdue > 0 ? `${n}!` : n
}

function setBadge(index: number, count: number, overdue = 0): void {
  // the tab bar exists only while a tab page shows; elsewhere the call fails, and that is fine
  const done = count > 0 ? Taro.setTabBarBadge({ index, text: badgeText(count, overdue) }) : Taro.removeTabBarBadge({ index })
  void Promise.resolve(done).catch(() => undefined)
}

/**
 * The counts people look for (待办 on 首页, unread on 我的), fetched with the two cheap count actions and
 * put on the tab bar (Taro supports the badge on weapp and H5). Call from a tab page's useDidShow.
 * A failed call leaves the badges as they were: a count is a hint, never a reason to show an error.
 */
export async function refreshCounts(): Promise<Counts | null> {
  const [pending, unread] = await Promise.all([call(myRequestsActions.pendingCount, {}), call(unreadActions.unreadCount, {})])
  if (!pending.ok || !unread.ok) return null
  const counts = { pending: pending.data, unread: unread.data.count }
  setBadge(HOME_TAB, counts.pending.total, counts.pending.overdue)
  setBadge(ME_TAB, counts.unread)
  return counts
}
