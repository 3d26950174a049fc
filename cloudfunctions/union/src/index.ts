import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { unionActions } from '../../../shared/union/actions'
import { acceptInvitation } from './actions/acceptInvitation'
import { bootstrapRoot } from './actions/bootstrapRoot'
import { byInviteCode } from './actions/byInviteCode'
import { createInvitation } from './actions/createInvitation'
import { dissolveUnion } from './actions/dissolveUnion'
import { endExemption } from './actions/endExemption'
import { getInvitation } from './actions/getInvitation'
import { getOffice } from './actions/getOffice'
import { getTree } from './actions/getTree'
import { getUnion } from './actions/getUnion'
import { grantExemption } from './actions/grantExemption'
import { member } from './actions/member'
import { migrateRoleIds } from './actions/migrateRoleIds'
import { myDues } from './actions/myDues'
import { myOffices } from './actions/myOffices'
import { proposeExpulsion } from './actions/proposeExpulsion'
import { recordDues } from './actions/recordDues'
import { registerUnion } from './actions/registerUnion'
import { removeOfficer } from './actions/removeOfficer'
import { renameUnion } from './actions/renameUnion'
import { revealMember } from './actions/revealMember'
import { roster } from './actions/roster'
import { search } from './actions/search'
import { setApprover } from './actions/setApprover'
import { submitFounding } from './actions/submitFounding'
import { workbench } from './actions/workbench'
import { yearFigures } from './actions/yearFigures'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  unionActions,
  {
    acceptInvitation, bootstrapRoot, byInviteCode, createInvitation, dissolveUnion, endExemption, getInvitation, getOffice, getTree, getUnion, grantExemption,
    member, migrateRoleIds, myDues, myOffices, proposeExpulsion, recordDues, registerUnion, removeOfficer, renameUnion, revealMember, roster, search, setApprover,
    submitFounding, workbench, yearFigures,
  },
  // the management API calls bootstrapRoot with no WeChat user; the action itself refuses anyone else
  { anonymous: ['bootstrapRoot', 'migrateRoleIds'] },
)
