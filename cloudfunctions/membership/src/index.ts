import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { membershipActions } from '../../../shared/membership/actions'
import { autoReleaseTransfers } from './actions/autoReleaseTransfers'
import { bindPhone } from './actions/bindPhone'
import { cardToken } from './actions/cardToken'
import { getApplication } from './actions/getApplication'
import { getProfile } from './actions/getProfile'
import { giveConsent } from './actions/giveConsent'
import { leaveUnion } from './actions/leaveUnion'
import { myMembership } from './actions/myMembership'
import { requestTransfer } from './actions/requestTransfer'
import { resumeMembership } from './actions/resumeMembership'
import { retainMembership } from './actions/retainMembership'
import { saveProfile } from './actions/saveProfile'
import { submitApplication } from './actions/submitApplication'
import { suggestUnions } from './actions/suggestUnions'
import { verifyCard } from './actions/verifyCard'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  membershipActions,
  {
    getProfile,
    saveProfile,
    bindPhone,
    giveConsent,
    suggestUnions,
    submitApplication,
    getApplication,
    myMembership,
    cardToken,
    verifyCard,
    requestTransfer,
    retainMembership,
    resumeMembership,
    leaveUnion,
  },
  { timers: { autoReleaseTransfers } },
)
