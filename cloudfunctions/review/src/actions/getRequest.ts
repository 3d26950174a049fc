import type { Handler } from '../../../../server/createFunction'
import { getRequest as detailOf } from '../../../../server/requests/queries'
import type { reviewActions } from '../../../../shared/requests/actions'

/** One request with its fields and history, for its applicant and its reviewers. */
export const getRequest: Handler<typeof reviewActions.getRequest> = (input, ctx) => detailOf(ctx, input.requestId)
