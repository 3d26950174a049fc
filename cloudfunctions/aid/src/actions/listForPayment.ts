import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { cursorOf, parseCursor, toItem } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { ApplicationDoc } from '../../../../shared/aid/records'
import { RequestDoc } from '../../../../shared/requests/schemas'
import { canActAtStep } from '../../../../shared/requests/access'
import { loadReviewerGrants } from '../../../../server/requests/people'

const PAGE = 30

/** 待发放: applications whose 公示 has ended, for the staff who approve them (and record the payment). */
export const listForPayment: Handler<typeof aidActions.listForPayment> = async ({ cursor }, ctx) => {
  const staffOf = ctx.grants.filter((g) => g.role === 'staff').map((g) => g.unionId)
  if (staffOf.length === 0) return { items: [], nextCursor: null }
  const _ = ctx.db.command
  const conditions = [{ stage: 'awaiting_payment' }, { unionPath: _.in(staffOf) }, ...(cursor ? [{ updatedAt: _.gt(parseCursor(cursor).at) }] : [])]
  const apps = await findMany(ctx.db.collection(AID.applications).where(_.and(conditions)).orderBy('updatedAt', 'asc'), ApplicationDoc, PAGE)
  const requests = apps.length
    ? await findMany(ctx.db.collection('requests').where({ _id: _.in(apps.map((a) => a.requestId)) }), RequestDoc, PAGE)
    : []
  const grants = await loadReviewerGrants(ctx)
  const payable = apps.filter((a) => {
    const r = requests.find((q) => q._id === a.requestId)
    return r !== undefined && canActAtStep(grants, r.chain[r.chain.length - 1])
  })
  const last = apps[apps.length - 1]
  return {
    items: payable.map((a) => ({ ...toItem(a, 'publicized'), unionName: a.unionName, maskedName: a.publicName })),
    nextCursor: apps.length === PAGE && last ? cursorOf(last.updatedAt, last._id) : null,
  }
}
