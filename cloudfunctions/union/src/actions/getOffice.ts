import type { Handler } from '../../../../server/createFunction'
import { unionOffice } from '../../../../server/union/office'
import type { unionActions } from '../../../../shared/union/actions'

/** 工会主页 for its officers and the federation staff over it. */
export const getOffice: Handler<typeof unionActions.getOffice> = async ({ unionId }, ctx) => unionOffice(ctx, unionId)
