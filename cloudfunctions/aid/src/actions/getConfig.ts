import type { Handler } from '../../../../server/createFunction'
import { loadConfigFor, loadUnion } from '../../../../server/aid/config'
import { federationFor, staffReaching } from '../../../../server/aid/federation'
import type { aidActions } from '../../../../shared/aid/actions'
import { AidConfigBody } from '../../../../shared/aid/config'

/** The aid configuration that applies at a federation (its own, or inherited from above), for staff. */
export const getConfig: Handler<typeof aidActions.getConfig> = async ({ federationId }, ctx) => {
  const federation = await federationFor(ctx, federationId)
  const config = await loadConfigFor(ctx.db, federation)
  const owner = config._id === federation._id ? federation : await loadUnion(ctx.db, config._id)
  return {
    federationId: owner._id,
    federationName: owner.name,
    version: config.version,
    updatedAt: config.updatedAt,
    config: AidConfigBody.parse(config),
    canEdit: staffReaching(ctx.grants, owner),
  }
}
