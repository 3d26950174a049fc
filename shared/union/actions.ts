import { defineActions } from '../contract/action'
import {
  ByInviteCodeInput,
  GetTreeInput,
  GetTreeOutput,
  GetUnionInput,
  InvitedUnion,
  SearchInput,
  SearchOutput,
  UnionDetail,
} from './schemas'
import {
  DissolveProgress,
  DissolveUnionInput,
  GetOfficeInput,
  MyOffices,
  OfficeChanged,
  RegisterUnionInput,
  RegisteredUnion,
  RemoveOfficerInput,
  RenameUnionInput,
  RosterInput,
  RosterPage,
  Renamed,
  SetApproverInput,
  SubmitFoundingInput,
  SubmittedFounding,
  UnionOffice,
} from './admin'
import { z } from 'zod'
import { MyDues, RecordDuesInput, RecordedDues } from './dues'
import { Workbench, WorkbenchInput } from './workbench'
import { YearFigures, YearFiguresInput } from '../stats/figures'
import { AcceptedInvitation, CreateInvitationInput, CreatedInvitation, InvitationPreview, TokenInput } from './invitations'
import { BootstrapRootInput, BootstrappedRoot, MigrateRoleIdsInput, MigrateRoleIdsOutput } from './bootstrap'
import { EndExemptionInput, ExemptionChanged, GrantExemptionInput, MemberDetail, MemberInput, ProposeExpulsionInput, ProposedExpulsion, RevealMemberInput, RevealedMember } from './members'

/** The `union` cloud function: find a union in the tree, by name or by a chair's invite code; hand out and accept offices. */
export const unionActions = defineActions('union', {
  getTree: [GetTreeInput, GetTreeOutput],
  search: [SearchInput, SearchOutput],
  getUnion: [GetUnionInput, UnionDetail],
  byInviteCode: [ByInviteCodeInput, InvitedUnion],
  createInvitation: [CreateInvitationInput, CreatedInvitation],
  getInvitation: [TokenInput, InvitationPreview],
  acceptInvitation: [TokenInput, AcceptedInvitation],
  registerUnion: [RegisterUnionInput, RegisteredUnion],
  submitFounding: [SubmitFoundingInput, SubmittedFounding],
  getOffice: [GetOfficeInput, UnionOffice],
  myOffices: [z.object({}), MyOffices],
  removeOfficer: [RemoveOfficerInput, OfficeChanged],
  setApprover: [SetApproverInput, OfficeChanged],
  renameUnion: [RenameUnionInput, Renamed],
  dissolveUnion: [DissolveUnionInput, DissolveProgress],
  roster: [RosterInput, RosterPage],
  recordDues: [RecordDuesInput, RecordedDues],
  myDues: [z.object({}), MyDues],
  member: [MemberInput, MemberDetail],
  revealMember: [RevealMemberInput, RevealedMember],
  proposeExpulsion: [ProposeExpulsionInput, ProposedExpulsion],
  grantExemption: [GrantExemptionInput, ExemptionChanged],
  endExemption: [EndExemptionInput, ExemptionChanged],
  workbench: [WorkbenchInput, Workbench],
  /** 年度数据 of a union and its subtree: officers of the union or of a union above it */
  yearFigures: [YearFiguresInput, YearFigures],
  /** npm run bootstrap only: the root federation and its first administrator's invitation */
  bootstrapRoot: [BootstrapRootInput, BootstrappedRoot],
  migrateRoleIds: [MigrateRoleIdsInput, MigrateRoleIdsOutput],
})
