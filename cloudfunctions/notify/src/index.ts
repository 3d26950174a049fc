import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { notifyActions } from '../../../shared/notify/actions'
import { balances } from './actions/balances'
import { listInbox } from './actions/listInbox'
import { markRead } from './actions/markRead'
import { recordSubscribe } from './actions/recordSubscribe'
import { retryDeliveries } from './actions/retryDeliveries'
import { subscribeConfig } from './actions/subscribeConfig'
import { unreadCount } from './actions/unreadCount'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  notifyActions,
  { recordSubscribe, balances, subscribeConfig, listInbox, markRead, unreadCount },
  { timers: { retryDeliveries } },
)
