import type { Handler } from '../../../../server/createFunction'
import { myDues as mine } from '../../../../server/union/dues'
import type { unionActions } from '../../../../shared/union/actions'

/** 我的会费: 已缴至 and the months recorded for me. */
export const myDues: Handler<typeof unionActions.myDues> = async (_input, ctx) => mine(ctx)
