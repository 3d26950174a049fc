import type { Handler } from '../../../../server/createFunction'
import { recordDues as record } from '../../../../server/union/dues'
import type { unionActions } from '../../../../shared/union/actions'

/** 会费登记: a month's payroll deduction for the whole roster, with its exceptions, in one action. */
export const recordDues: Handler<typeof unionActions.recordDues> = async (input, ctx) => record(ctx, input)
