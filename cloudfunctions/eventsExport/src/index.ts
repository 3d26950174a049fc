import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { eventsExportActions } from '../../../shared/events/actions'
import { exportParticipants } from './actions/exportParticipants'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

/**
 * 导出名单 on its own: the Excel writer is most of its size, so the `events` function every worker's
 * phone calls starts without it, and a slow export has its own time limit.
 */
export const main = createFunction(cloud, eventsExportActions, { exportParticipants })
