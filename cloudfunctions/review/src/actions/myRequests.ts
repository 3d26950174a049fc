import type { Handler } from '../../../../server/createFunction'
import { myRequests as ownRequests } from '../../../../server/requests/queries'
import type { reviewActions } from '../../../../shared/requests/actions'

/** 我的申请: the caller's own requests of every kind, newest first. */
export const myRequests: Handler<typeof reviewActions.myRequests> = (input, ctx) => ownRequests(ctx, input)
