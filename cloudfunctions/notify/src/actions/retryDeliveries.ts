import type { Ctx } from '../../../../server/context'
import { deliverPending } from '../../../../server/notify/deliver'

/** Timer trigger (config.json, every 5 minutes): sends what is due, retries failures on their backoff. */
export const retryDeliveries = (ctx: Ctx) => deliverPending(ctx, { limit: 20 })
