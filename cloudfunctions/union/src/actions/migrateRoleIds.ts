import type { Handler } from '../../../../server/createFunction'
import { migrateRoleIds as migrate } from '../../../../server/union/migrateRoleIds'
import type { unionActions } from '../../../../shared/union/actions'
import { requireOperator } from './bootstrapRoot'

/** `npm run migrate`: renames one page of old role ids (the command calls again until done). Operator only, like bootstrapRoot. */
export const migrateRoleIds: Handler<typeof unionActions.migrateRoleIds> = async (input, ctx) => {
  requireOperator(ctx, input.bootstrapToken)
  return migrate(ctx.db, input.limit)
}
