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
import { AcceptedInvitation, CreateInvitationInput, CreatedInvitation, InvitationPreview, TokenInput } from './invitations'
import { BootstrapRootInput, BootstrappedRoot } from './bootstrap'

/** The `union` cloud function: find a union in the tree, by name or by a chair's invite code; hand out and accept offices. */
export const unionActions = defineActions('union', {
  getTree: [GetTreeInput, GetTreeOutput],
  search: [SearchInput, SearchOutput],
  getUnion: [GetUnionInput, UnionDetail],
  byInviteCode: [ByInviteCodeInput, InvitedUnion],
  createInvitation: [CreateInvitationInput, CreatedInvitation],
  getInvitation: [TokenInput, InvitationPreview],
  acceptInvitation: [TokenInput, AcceptedInvitation],
  /** npm run bootstrap only: the root federation and its first administrator's invitation */
  bootstrapRoot: [BootstrapRootInput, BootstrappedRoot],
})
