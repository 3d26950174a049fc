import { z } from 'zod'
import { defineActions } from '../contract/action'
import {
  CancelEventInput,
  CancelSignupInput,
  CheckInInput,
  CheckInResult,
  CodeView,
  ConfirmPlaceInput,
  FindParticipantInput,
  ManualCheckInInput,
  ParticipantMatches,
  RemoveParticipantInput,
  RemoveResult,
  RevealAnswerInput,
  RevealedAnswer,
  CoverInput,
  CoverResult,
  EditView,
  EventDetail,
  EventRef,
  ExportInput,
  ExportResult,
  ManageInput,
  ManagePage,
  MySignupView,
  MySignupsInput,
  MySignupsPage,
  ParticipantsInput,
  ParticipantsPage,
  PassView,
  RecordResultsInput,
  RemoveTeammateInput,
  ResultsView,
  SaveEventInput,
  SignUpInput,
  UnitLeadInput,
  UnitLeadView,
  VersionedEventRef,
} from './schemas'
import { browseActions } from './card'

const Saved = z.object({ eventId: z.string(), version: z.number().int(), status: z.string(), notified: z.number().int() })

/** The `events` cloud function: 发布活动, 报名, 候补, 组队, 签到, 成绩 and the lists a union reports upward. */
export const eventsActions = {
  ...browseActions,
  ...defineActions('events', {
    // worker
    getEvent: [EventRef, EventDetail],
    signUp: [SignUpInput, MySignupView],
    cancelSignup: [CancelSignupInput, MySignupView],
    removeTeammate: [RemoveTeammateInput, MySignupView],
    mySignups: [MySignupsInput, MySignupsPage],
    eventPass: [EventRef, PassView],
    checkInWithCode: [CheckInInput, CheckInResult],
    confirmPlace: [ConfirmPlaceInput, MySignupView],
    // organiser
    manageList: [ManageInput, ManagePage],
    getForEdit: [EventRef, EditView],
    saveEvent: [SaveEventInput, Saved],
    publishEvent: [VersionedEventRef, Saved],
    cancelEvent: [CancelEventInput, Saved],
    uploadCover: [CoverInput, CoverResult],
    participants: [ParticipantsInput, ParticipantsPage],
    checkInCode: [EventRef, CodeView],
    checkIn: [CheckInInput, CheckInResult],
    recordResults: [RecordResultsInput, ResultsView],
    setUnitLead: [UnitLeadInput, UnitLeadView],
    findParticipant: [FindParticipantInput, ParticipantMatches],
    checkInByName: [ManualCheckInInput, CheckInResult],
    removeParticipant: [RemoveParticipantInput, RemoveResult],
    revealAnswer: [RevealAnswerInput, RevealedAnswer],
  }),
}

/** `eventsExport`: the participant list as an Excel or CSV file, in a function of its own (the XLSX writer stays out of `events`). */
export const eventsExportActions = defineActions('eventsExport', {
  exportParticipants: [ExportInput, ExportResult],
})
