import { z } from 'zod'
import { FundDoc } from '../../shared/aid/records'
import { formatYuan } from '../../shared/aid/money'
import { inChina } from '../../shared/date'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { newId } from '../notify/enqueue'
import { WriteConflict, runInTransaction, txAdd, txGet, txUpdate } from '../requests/tx'
import { AID } from './collections'

/**
 * 资金核对: the final approval takes its share of the fund with one conditional update BEFORE its
 * transaction (reserveFund in approval.ts) and gives it back if the transaction fails; a function that
 * dies in between (time limit, crash) leaves the share taken with no ledger line and no approval. The
 * ledger (`aid_fund_moves`) is the truth: committed = commits − releases − payments. A fund whose
 * committed figure disagrees, and which nothing has touched for SETTLE_MINUTES (an approval in flight
 * touched it seconds ago: no function lives that long), is set back to the ledger's figure, with a
 * `correct` line, in a transaction that a reservation racing it conflicts with.
 */

export const SETTLE_MINUTES = 10
const FUNDS_PER_RUN = 100

const Sums = z.object({ list: z.array(z.object({ _id: z.object({ fundId: z.string(), kind: z.string() }), fen: z.number() })) })

export async function repairFundShares(ctx: Ctx): Promise<number> {
  const _ = ctx.db.command
  const settled = new Date(ctx.now.getTime() - SETTLE_MINUTES * 60_000)
  // this year's and last year's funds (payments of last year's grants still move them)
  const funds = await findMany(ctx.db.collection(AID.funds).where({ year: _.gte(inChina(ctx.now).year() - 1), updatedAt: _.lte(settled) }), FundDoc, FUNDS_PER_RUN)
  if (funds.length === 0) return 0
  const res = await ctx.db
    .collection(AID.fundMoves)
    .aggregate()
    .match({ fundId: _.in(funds.map((f) => f._id)), kind: _.in(['commit', 'release', 'pay']) })
    .group({ _id: { fundId: '$fundId', kind: '$kind' }, fen: _.aggregate.sum('$amountFen') })
    .limit(FUNDS_PER_RUN * 3)
    .end()
  const sums = new Map(Sums.parse(res).list.map((row) => [`${row._id.fundId}|${row._id.kind}`, row.fen]))
  const sum = (fundId: string, kind: string) => sums.get(`${fundId}|${kind}`) ?? 0
  let repaired = 0
  for (const fund of funds) {
    const committed = sum(fund._id, 'commit') - sum(fund._id, 'release') - sum(fund._id, 'pay')
    if (committed === fund.committedFen || committed < 0) continue
    const done = await runInTransaction(ctx.db, async (tx) => {
      const fresh = FundDoc.parse(await txGet(tx, AID.funds, fund._id))
      if (fresh.updatedAt.getTime() !== fund.updatedAt.getTime() || fresh.committedFen !== fund.committedFen) return false
      const available = fresh.budgetFen - committed - fresh.paidFen
      await txUpdate(tx, AID.funds, fund._id, { committedFen: committed, availableFen: Math.max(0, available), updatedAt: ctx.now })
      const diff = fresh.committedFen - committed
      await txAdd(tx, AID.fundMoves, {
        _id: newId(),
        fundId: fund._id,
        at: ctx.now,
        kind: 'correct',
        amountFen: Math.abs(diff),
        applicationId: '',
        actorOpenid: '',
        note: diff > 0 ? `核对：一次未完成的审批占用了${formatYuan(diff)}，已退回资金` : `核对：按台账补记占用${formatYuan(-diff)}`,
        budgetFen: fresh.budgetFen,
        committedFen: committed,
        paidFen: fresh.paidFen,
      })
      return true
    }).catch((err: unknown) => {
      if (err instanceof WriteConflict) return false // an approval moved it just now: the next run looks again
      throw err
    })
    if (done) repaired += 1
  }
  return repaired
}
