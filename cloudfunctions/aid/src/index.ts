import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { runDaily } from '../../../server/aid/daily'
import { aidActions } from '../../../shared/aid/actions'
import { answerProxy } from './actions/answerProxy'
import { checkEligibility } from './actions/checkEligibility'
import { closeFile } from './actions/closeFile'
import { documentLinks } from './actions/documentLinks'
import { fileHousehold } from './actions/fileHousehold'
import { fileObjection } from './actions/fileObjection'
import { finishUpload } from './actions/finishUpload'
import { fundLedger } from './actions/fundLedger'
import { getApplication } from './actions/getApplication'
import { getApplyForm } from './actions/getApplyForm'
import { getConfig } from './actions/getConfig'
import { getHousehold } from './actions/getHousehold'
import { inviteToHousehold } from './actions/inviteToHousehold'
import { joinHousehold } from './actions/joinHousehold'
import { listFiles } from './actions/listFiles'
import { listForPayment } from './actions/listForPayment'
import { listNotices } from './actions/listNotices'
import { myApplications } from './actions/myApplications'
import { myProxies } from './actions/myProxies'
import { proxyCandidates } from './actions/proxyCandidates'
import { recordConsent } from './actions/recordConsent'
import { recordHomeVisit } from './actions/recordHomeVisit'
import { recordPayment } from './actions/recordPayment'
import { requestProxy } from './actions/requestProxy'
import { resubmitApplication } from './actions/resubmitApplication'
import { reviewFile } from './actions/reviewFile'
import { saveHousehold } from './actions/saveHousehold'
import { setFundBudget } from './actions/setFundBudget'
import { startUpload } from './actions/startUpload'
import { submitApplication } from './actions/submitApplication'
import { unionTotals } from './actions/unionTotals'
import { updateConfig } from './actions/updateConfig'
import { uploadChunk } from './actions/uploadChunk'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  aidActions,
  { answerProxy, checkEligibility, closeFile, documentLinks, fileHousehold, fileObjection, finishUpload, fundLedger, getApplication, getApplyForm, getConfig, getHousehold, inviteToHousehold, joinHousehold, listFiles, listForPayment, listNotices, myApplications, myProxies, proxyCandidates, recordConsent, recordHomeVisit, recordPayment, requestProxy, resubmitApplication, reviewFile, saveHousehold, setFundBudget, startUpload, submitApplication, unionTotals, updateConfig, uploadChunk },
  { timers: { aidDaily: runDaily } },
)
