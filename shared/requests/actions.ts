import { defineActions } from '../contract/action'
import { SubmitMatterInput } from './matter'
import {
  ActInput,
  ActOutput,
  BatchApproveInput,
  BatchApproveOutput,
  GetRequestInput,
  ListApproversInput,
  ListApproversOutput,
  ListPendingInput,
  ListPendingOutput,
  RequestDetail,
  RevealInput,
  RevealOutput,
  SetApproverInput,
  SetApproverOutput,
  VersionedInput,
  WithdrawInput,
} from './views'
import { myRequestsActions } from './mine'

/** The `review` cloud function: the chair's 待办 and decisions, and the applicant's own requests. */
export const reviewActions = {
  ...defineActions('review', {
    listPending: [ListPendingInput, ListPendingOutput],
    getRequest: [GetRequestInput, RequestDetail],
    act: [ActInput, ActOutput],
    batchApprove: [BatchApproveInput, BatchApproveOutput],
    resubmit: [VersionedInput, ActOutput],
    withdraw: [WithdrawInput, ActOutput],
    revealSensitive: [RevealInput, RevealOutput],
    setApprover: [SetApproverInput, SetApproverOutput],
    listApprovers: [ListApproversInput, ListApproversOutput],
    submitMatter: [SubmitMatterInput, ActOutput],
  }),
  ...myRequestsActions,
}
