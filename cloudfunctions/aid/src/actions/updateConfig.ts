import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { AID } from '../../../../server/aid/collections'
import { federationFor, staffReaching } from '../../../../server/aid/federation'
import { runInTransaction, txGet, txSet } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { AidConfigDoc, configProblems } from '../../../../shared/aid/config'

/**
 * 修改帮扶方案: staff of the federation (or above) replace its configuration as a whole. A stale
 * version is refused, so two people editing at once do not overwrite each other.
 */
export const updateConfig: Handler<typeof aidActions.updateConfig> = async ({ federationId, expectedVersion, config }, ctx) => {
  const federation = await federationFor(ctx, federationId)
  if (!staffReaching(ctx.grants, federation)) throw new AppError('FORBIDDEN', `只有${federation.name}及上级工会的工作人员可以修改帮扶方案`)
  const problems = configProblems(config)
  const first = Object.values(problems)[0]
  if (first) throw new AppError('INVALID_INPUT', first, problems)
  const version = await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, AID.config, federation._id)
    const current = raw === null ? 0 : AidConfigDoc.parse({ _id: federation._id, ...Object(raw) }).version
    if (current !== expectedVersion) throw new AppError('CONFLICT', '帮扶方案刚刚被别人修改过，请刷新后再改')
    await txSet(tx, AID.config, federation._id, { ...config, federationId: federation._id, version: current + 1, updatedAt: ctx.now, updatedBy: ctx.openid })
    return current + 1
  })
  return { version }
}
