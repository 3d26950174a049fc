import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { markOverdue } from '../../../server/requests/overdue'
import { reviewActions } from '../../../shared/requests/actions'
import { act } from './actions/act'
import { batchApprove } from './actions/batchApprove'
import { getRequest } from './actions/getRequest'
import { listApprovers } from './actions/listApprovers'
import { listPending } from './actions/listPending'
import { myRequests } from './actions/myRequests'
import { pendingCount } from './actions/pendingCount'
import { resubmit } from './actions/resubmit'
import { revealSensitive } from './actions/revealSensitive'
import { setApprover } from './actions/setApprover'
import { submitMatter } from './actions/submitMatter'
import { withdraw } from './actions/withdraw'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  reviewActions,
  { listPending, getRequest, act, batchApprove, resubmit, withdraw, myRequests, revealSensitive, setApprover, listApprovers, submitMatter, pendingCount },
  { timers: { overdueReminders: markOverdue } },
)
