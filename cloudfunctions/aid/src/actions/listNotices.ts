import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { cursorOf, parseCursor } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { schemeLabel } from '../../../../shared/aid/config'
import { NoticeDoc } from '../../../../shared/aid/records'

const PAGE = 30

/**
 * 公示: the notices running in the caller's unions (staff: their whole subtree). Only what a notice
 * may show: surname and star, unit, scheme, amount and dates. Closed notices are no longer listed.
 */
export const listNotices: Handler<typeof aidActions.listNotices> = async ({ cursor }, ctx) => {
  const own = [...new Set(ctx.grants.filter((g) => g.role !== 'staff').map((g) => g.unionId))]
  const supervised = [...new Set(ctx.grants.filter((g) => g.role === 'staff').map((g) => g.unionId))]
  if (own.length === 0 && supervised.length === 0) return { items: [], nextCursor: null }
  const _ = ctx.db.command
  const scopes = [...(own.length ? [{ unionId: _.in(own) }] : []), ...(supervised.length ? [{ unionPath: _.in(supervised) }] : [])]
  const conditions = [{ status: _.in(['open', 'paused']) }, _.or(scopes), ...(cursor ? [{ startsAt: _.lt(parseCursor(cursor).at) }] : [])]
  const notices = await findMany(ctx.db.collection(AID.notices).where(_.and(conditions)).orderBy('startsAt', 'desc'), NoticeDoc, PAGE)
  const last = notices[notices.length - 1]
  return {
    items: notices.map((n) => ({
      id: n._id,
      maskedName: n.maskedName,
      unitName: n.unitName,
      scheme: n.scheme,
      schemeLabel: schemeLabel[n.scheme],
      amountFen: n.amountFen,
      startsAt: n.startsAt,
      endsAt: n.endsAt,
      status: n.status === 'paused' ? ('paused' as const) : ('open' as const),
    })),
    nextCursor: notices.length === PAGE && last ? cursorOf(last.startsAt, last._id) : null,
  }
}
