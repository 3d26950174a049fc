import type { Handler } from '../../../../server/createFunction'
import type { notifyActions } from '../../../../shared/notify/actions'
import { bankedOf } from '../balanceOf'

/** How many notices of each kind are banked (the chair sees it and is prompted to top up). */
export const balances: Handler<typeof notifyActions.balances> = async (_input, ctx) => bankedOf(ctx)
