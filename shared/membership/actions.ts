import { defineActions } from '../contract/action'
import {
  ApplicationTimeline,
  BindPhoneInput,
  CardView,
  GiveConsentInput,
  LeaveInput,
  MembershipView,
  ProfileView,
  RequestIdInput,
  RequestTransferInput,
  ResumeInput,
  RetainInput,
  SaveProfileInput,
  SubmitApplicationInput,
  SubmitResult,
  SuggestUnionsInput,
  SuggestUnionsOutput,
  VerifiedCard,
  VerifyCardInput,
} from './schemas'
import { z } from 'zod'

const Empty = z.object({})

/** The `membership` cloud function: profile, 入会, 会员证, 转会, 保留会籍 and 退会. */
export const membershipActions = defineActions('membership', {
  getProfile: [Empty, ProfileView],
  saveProfile: [SaveProfileInput, ProfileView],
  bindPhone: [BindPhoneInput, ProfileView],
  giveConsent: [GiveConsentInput, ProfileView],
  suggestUnions: [SuggestUnionsInput, SuggestUnionsOutput],
  submitApplication: [SubmitApplicationInput, SubmitResult],
  getApplication: [RequestIdInput, ApplicationTimeline],
  myMembership: [Empty, MembershipView],
  cardToken: [Empty, CardView],
  verifyCard: [VerifyCardInput, VerifiedCard],
  requestTransfer: [RequestTransferInput, SubmitResult],
  retainMembership: [RetainInput, MembershipView],
  resumeMembership: [ResumeInput, MembershipView],
  leaveUnion: [LeaveInput, MembershipView],
})
