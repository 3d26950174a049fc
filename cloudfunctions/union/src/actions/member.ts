import type { Handler } from '../../../../server/createFunction'
import { memberDetail } from '../../../../server/union/members'
import type { unionActions } from '../../../../shared/union/actions'

/** 会员详情 from the roster: masked identifiers, stints, dues, 拟除名 and 免缴. */
export const member: Handler<typeof unionActions.member> = async ({ unionId, memberNo }, ctx) => memberDetail(ctx, unionId, memberNo)
