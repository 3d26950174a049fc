import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { moveFund } from '../../../../server/aid/approval'
import { AID, fundIdOf } from '../../../../server/aid/collections'
import { federationFor, staffReaching } from '../../../../server/aid/federation'
import { runInTransaction, txGet, txSet } from '../../../../server/requests/tx'
import type { aidActions } from '../../../../shared/aid/actions'
import { formatYuan } from '../../../../shared/aid/money'
import { FundDoc } from '../../../../shared/aid/records'

/** 下达年度预算: never below what is already committed and paid. */
export const setFundBudget: Handler<typeof aidActions.setFundBudget> = async ({ federationId, year, budgetFen }, ctx) => {
  const federation = await federationFor(ctx, federationId)
  if (!staffReaching(ctx.grants, federation)) throw new AppError('FORBIDDEN', `只有${federation.name}及上级工会的工作人员可以调整预算`)
  const fundId = fundIdOf(federation._id, year)
  const fund = await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, AID.funds, fundId)
    let current: FundDoc
    if (raw === null) {
      current = { _id: fundId, federationId: federation._id, year, budgetFen: 0, committedFen: 0, paidFen: 0, updatedAt: ctx.now }
      await txSet(tx, AID.funds, fundId, { federationId: federation._id, year, budgetFen: 0, committedFen: 0, paidFen: 0, availableFen: 0, updatedAt: ctx.now })
    } else current = FundDoc.parse({ _id: fundId, ...Object(raw) })
    const used = current.committedFen + current.paidFen
    if (budgetFen < used) throw new AppError('INVALID_INPUT', `预算不能少于已占用和已发放的${formatYuan(used)}`, { budgetFen: `不能少于${formatYuan(used)}` })
    return moveFund(tx, current, { kind: 'budget', amountFen: budgetFen, applicationId: '', actorOpenid: ctx.openid, note: `${year}年度帮扶资金预算`, at: ctx.now })
  })
  return {
    fund: {
      fundId,
      federationId: federation._id,
      federationName: federation.name,
      year,
      budgetFen: fund.budgetFen,
      committedFen: fund.committedFen,
      paidFen: fund.paidFen,
      availableFen: fund.budgetFen - fund.committedFen - fund.paidFen,
    },
  }
}
