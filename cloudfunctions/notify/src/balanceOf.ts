import { z } from 'zod'
import type { Ctx } from '../../../server/context'
import { findMany } from '../../../server/db'
import { SUBSCRIPTIONS } from '../../../server/notify/docs'
import { TemplateKey } from '../../../shared/notify/templates'
import { Balances } from '../../../shared/notify/schemas'

const Row = z.object({ template: TemplateKey, balance: z.number() })

/** The caller's banked subscribe quota per template (0 where none was ever banked). */
export async function balancesOf(ctx: Ctx): Promise<Balances> {
  const rows = await findMany(ctx.db.collection(SUBSCRIPTIONS).where({ openid: ctx.openid }), Row, TemplateKey.options.length)
  const out: Balances = Balances.parse(Object.fromEntries(TemplateKey.options.map((key) => [key, 0])))
  for (const row of rows) out[row.template] = Math.max(0, row.balance)
  return out
}
