import { z } from 'zod'
import type { Ctx } from '../../../server/context'
import { findMany } from '../../../server/db'
import { SUBSCRIPTIONS } from '../../../server/notify/docs'
import { TemplateKey } from '../../../shared/notify/templates'
import { Balances, isAccepted, SubscribeChoice } from '../../../shared/notify/schemas'

const Row = z.object({ template: TemplateKey, balance: z.number(), lastChoice: SubscribeChoice.optional() })

/** The caller's banked subscribe quota per template (0 where none was ever banked). */
export async function balancesOf(ctx: Ctx): Promise<Balances> {
  return (await bankedOf(ctx)).balances
}

/** The balances and the kinds ever banked: a reviewer who never allowed a kind has not "used it up". */
export async function bankedOf(ctx: Ctx): Promise<{ balances: Balances; opened: TemplateKey[] }> {
  const rows = await findMany(ctx.db.collection(SUBSCRIPTIONS).where({ openid: ctx.openid }), Row, TemplateKey.options.length)
  const balances: Balances = Balances.parse(Object.fromEntries(TemplateKey.options.map((key) => [key, 0])))
  for (const row of rows) balances[row.template] = Math.max(0, row.balance)
  // a refusal in the popup also leaves a row; only a kind she allowed (and may have spent) counts as opened
  const opened = rows.filter((row) => row.balance > 0 || (row.lastChoice !== undefined && isAccepted(row.lastChoice))).map((row) => row.template)
  return { balances, opened }
}
