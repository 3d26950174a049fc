import { defineActions } from '../contract/action'
import * as io from './api'

/** The `aid` cloud function: household profile, eligibility, applications, 公示, payment, files and config. */
export const aidActions = defineActions('aid', {
  // worker side
  getHousehold: [io.ForWorker, io.GetHouseholdOutput],
  saveHousehold: [io.SaveHouseholdInput, io.SaveHouseholdOutput],
  inviteToHousehold: [io.ForWorker, io.InviteToHouseholdOutput],
  joinHousehold: [io.JoinHouseholdInput, io.JoinHouseholdOutput],
  checkEligibility: [io.CheckEligibilityInput, io.CheckEligibilityOutput],
  getApplyForm: [io.GetApplyFormInput, io.GetApplyFormOutput],
  recordConsent: [io.RecordConsentInput, io.RecordConsentOutput],
  startUpload: [io.StartUploadInput, io.StartUploadOutput],
  uploadChunk: [io.UploadChunkInput, io.UploadChunkOutput],
  finishUpload: [io.FinishUploadInput, io.FinishUploadOutput],
  submitApplication: [io.SubmitApplicationInput, io.SubmitApplicationOutput],
  resubmitApplication: [io.ResubmitApplicationInput, io.SubmitApplicationOutput],
  myApplications: [io.MyApplicationsInput, io.MyApplicationsOutput],
  getApplication: [io.GetApplicationInput, io.ApplicationDetail],
  documentLinks: [io.DocumentLinksInput, io.DocumentLinksOutput],
  // 公示 and 异议
  listNotices: [io.ListNoticesInput, io.ListNoticesOutput],
  fileObjection: [io.FileObjectionInput, io.FileObjectionOutput],
  // union side
  recordHomeVisit: [io.RecordHomeVisitInput, io.RecordHomeVisitOutput],
  listForPayment: [io.ListForPaymentInput, io.ListForPaymentOutput],
  recordPayment: [io.RecordPaymentInput, io.RecordPaymentOutput],
  fundLedger: [io.FundLedgerInput, io.FundLedgerOutput],
  setFundBudget: [io.SetFundBudgetInput, io.SetFundBudgetOutput],
  getConfig: [io.GetConfigInput, io.GetConfigOutput],
  updateConfig: [io.UpdateConfigInput, io.UpdateConfigOutput],
  listFiles: [io.ListFilesInput, io.ListFilesOutput],
  fileHousehold: [io.FileHouseholdInput, io.FileActionOutput],
  reviewFile: [io.ReviewFileInput, io.FileActionOutput],
  closeFile: [io.CloseFileInput, io.FileActionOutput],
  unionTotals: [io.UnionTotalsInput, io.UnionTotalsOutput],
  // 代办
  proxyCandidates: [io.ProxyCandidatesInput, io.ProxyCandidatesOutput],
  requestProxy: [io.RequestProxyInput, io.RequestProxyOutput],
  answerProxy: [io.AnswerProxyInput, io.RequestProxyOutput],
  myProxies: [io.ForWorker, io.MyProxiesOutput],
})
