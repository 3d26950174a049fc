import type { Handler } from '../../../../server/createFunction'
import { myAccessLog as readLog } from '../../../../server/privacy/mine'
import type { accountActions } from '../../../../shared/account/actions'

/** 谁看过我的信息: full views of the caller's ID number, bank card and documents, from the audit log. */
export const myAccessLog: Handler<typeof accountActions.myAccessLog> = (input, ctx) => readLog(ctx, input)
