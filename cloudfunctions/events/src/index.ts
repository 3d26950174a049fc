import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { eventsHourly } from '../../../server/events/daily'
import { eventsActions } from '../../../shared/events/actions'
import { browse } from './actions/browse'
import { cancelEvent } from './actions/cancelEvent'
import { cancelSignup } from './actions/cancelSignup'
import { checkIn } from './actions/checkIn'
import { checkInCode } from './actions/checkInCode'
import { checkInWithCode } from './actions/checkInWithCode'
import { checkInByName } from './actions/checkInByName'
import { confirmPlace } from './actions/confirmPlace'
import { findParticipant } from './actions/findParticipant'
import { removeParticipant } from './actions/removeParticipant'
import { revealAnswer } from './actions/revealAnswer'
import { eventPass } from './actions/eventPass'
import { getEvent } from './actions/getEvent'
import { getForEdit } from './actions/getForEdit'
import { manageList } from './actions/manageList'
import { mySignups } from './actions/mySignups'
import { participants } from './actions/participants'
import { publishEvent } from './actions/publishEvent'
import { recordResults } from './actions/recordResults'
import { removeTeammate } from './actions/removeTeammate'
import { saveEvent } from './actions/saveEvent'
import { setUnitLead } from './actions/setUnitLead'
import { signUp } from './actions/signUp'
import { uploadCover } from './actions/uploadCover'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  eventsActions,
  {
    browse,
    getEvent,
    signUp,
    cancelSignup,
    removeTeammate,
    mySignups,
    eventPass,
    checkInWithCode,
    confirmPlace,
    manageList,
    getForEdit,
    saveEvent,
    publishEvent,
    cancelEvent,
    uploadCover,
    participants,
    checkInCode,
    checkIn,
    recordResults,
    setUnitLead,
    findParticipant,
    checkInByName,
    removeParticipant,
    revealAnswer,
  },
  { timers: { eventsHourly } },
)
