import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { accountActions } from '../../../shared/account/actions'
import { myAccessLog } from './actions/myAccessLog'
import { myConsents } from './actions/myConsents'
import { updateNickname } from './actions/updateNickname'
import { whoami } from './actions/whoami'
import { withdrawConsent } from './actions/withdrawConsent'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(cloud, accountActions, { whoami, updateNickname, myConsents, withdrawConsent, myAccessLog })
