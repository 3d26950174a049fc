import type { Handler } from '../../../../server/createFunction'
import { SUBSCRIPTIONS, subscriptionId } from '../../../../server/notify/docs'
import { isAccepted } from '../../../../shared/notify/schemas'
import { TemplateKey } from '../../../../shared/notify/templates'
import type { notifyActions } from '../../../../shared/notify/actions'
import { balancesOf } from '../balanceOf'
import { z } from 'zod'

const Updated = z.object({ stats: z.object({ updated: z.number() }) })

/**
 * Banks one message per accepted template. The client cannot inflate anything that matters: a balance
 * WeChat does not agree with ends in a 43101, which resets it to 0.
 */
export const recordSubscribe: Handler<typeof notifyActions.recordSubscribe> = async ({ results }, ctx) => {
  const _ = ctx.db.command
  for (const template of TemplateKey.options) {
    const choice = results[template]
    if (!choice) continue
    const doc = ctx.db.collection(SUBSCRIPTIONS).doc(subscriptionId(ctx.openid, template))
    const change = isAccepted(choice) ? { balance: _.inc(1), lastChoice: choice, updatedAt: ctx.now } : { lastChoice: choice, updatedAt: ctx.now }
    // atomic increment; the first accept creates the document (a racing first accept finds it and increments)
    const { stats } = Updated.parse(await doc.update({ data: change }))
    if (stats.updated > 0) continue
    const fresh = { openid: ctx.openid, template, balance: isAccepted(choice) ? 1 : 0, lastChoice: choice, updatedAt: ctx.now }
    try {
      await ctx.db.collection(SUBSCRIPTIONS).add({ data: { _id: subscriptionId(ctx.openid, template), ...fresh } })
    } catch {
      Updated.parse(await doc.update({ data: change }))
    }
  }
  return { balances: await balancesOf(ctx) }
}
