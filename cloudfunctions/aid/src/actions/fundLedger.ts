import type { Handler } from '../../../../server/createFunction'
import { findById, findMany } from '../../../../server/db'
import { AID, fundIdOf } from '../../../../server/aid/collections'
import { federationFor, staffReaching } from '../../../../server/aid/federation'
import { cursorOf, parseCursor } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { FundDoc, FundMoveDoc, fundMoveLabel } from '../../../../shared/aid/records'

const PAGE = 50

/** 帮扶资金台账: budget, committed, paid and what is left, with every movement newest first. */
export const fundLedger: Handler<typeof aidActions.fundLedger> = async ({ federationId, year, cursor }, ctx) => {
  const federation = await federationFor(ctx, federationId)
  const fundId = fundIdOf(federation._id, year)
  const fund = await findById(ctx.db.collection(AID.funds), fundId, FundDoc)
  const _ = ctx.db.command
  const where = cursor ? { fundId, at: _.lt(parseCursor(cursor).at) } : { fundId }
  const moves = await findMany(ctx.db.collection(AID.fundMoves).where(where).orderBy('at', 'desc'), FundMoveDoc, PAGE)
  const last = moves[moves.length - 1]
  return {
    fund: fund
      ? {
          fundId,
          federationId: federation._id,
          federationName: federation.name,
          year,
          budgetFen: fund.budgetFen,
          committedFen: fund.committedFen,
          paidFen: fund.paidFen,
          availableFen: fund.budgetFen - fund.committedFen - fund.paidFen,
        }
      : null,
    moves: moves.map((m) => ({ at: m.at, kind: m.kind, kindLabel: fundMoveLabel[m.kind], amountFen: m.amountFen, note: m.note, committedFen: m.committedFen, paidFen: m.paidFen })),
    canEdit: staffReaching(ctx.grants, federation),
    nextCursor: moves.length === PAGE && last ? cursorOf(last.at, last._id) : null,
  }
}
