import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { statsActions } from '../../../shared/stats/actions'
import { exportYear } from './actions/exportYear'
import { rebuild } from './actions/rebuild'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

/**
 * 年度数据's rare, slow work on its own: the Excel writer is most of its size and a rebuild reads every
 * record, so neither weighs on the union function every officer's phone calls, and each has a minute.
 */
export const main = createFunction(cloud, statsActions, { exportYear, rebuild })
