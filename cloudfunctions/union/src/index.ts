import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { unionActions } from '../../../shared/union/actions'
import { acceptInvitation } from './actions/acceptInvitation'
import { bootstrapRoot } from './actions/bootstrapRoot'
import { byInviteCode } from './actions/byInviteCode'
import { createInvitation } from './actions/createInvitation'
import { getInvitation } from './actions/getInvitation'
import { getTree } from './actions/getTree'
import { getUnion } from './actions/getUnion'
import { search } from './actions/search'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createFunction(
  cloud,
  unionActions,
  { getTree, search, getUnion, byInviteCode, createInvitation, getInvitation, acceptInvitation, bootstrapRoot },
  // the management API calls bootstrapRoot with no WeChat user; the action itself refuses anyone else
  { anonymous: ['bootstrapRoot'] },
)
