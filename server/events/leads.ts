import { AppError } from '../../shared/contract'
import type { EventRecord, UnitLeadRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { withoutId } from '../db'
import { loadUnion } from '../requests/people'
import { runInTransaction, txSet } from '../requests/tx'
import { accessTo } from './access'
import { EV } from './collections'
import { addEventHistory } from './history'

/**
 * 领队: for a subtree-wide event each unit names one responsible person (the union's own documents ask
 * units to send their list "and one responsible person by the deadline"). The unit's chair names them,
 * or the organisers do for a unit; naming again replaces the earlier one.
 */
export async function setUnitLead(ctx: Ctx, event: EventRecord, input: { unionId: string; name: string; phone: string }) {
  if (event.scope !== 'subtree') throw new AppError('INVALID_INPUT', '只有面向多个单位的活动需要各单位报领队', { unionId: '本活动不需要报领队' })
  if (event.status !== 'published') throw new AppError('CONFLICT', '活动未发布、已取消或已结束')
  const access = accessTo(ctx.grants, event)
  const allowed = access.role === 'organiser' || (access.role === 'unit' && access.unionIds.includes(input.unionId))
  if (!allowed) throw new AppError('FORBIDDEN', '只有本单位工会或活动的组织工会可以报领队')
  const union = await loadUnion(ctx.db, input.unionId)
  if (!union.path.includes(event.unionId) || union._id === event.unionId) throw new AppError('INVALID_INPUT', '这个工会不在活动范围内', { unionId: '不在活动范围内' })
  const lead: UnitLeadRecord = { _id: `${event._id}-${union._id}`, eventId: event._id, unionId: union._id, unionName: union.name, name: input.name, phone: input.phone, setBy: ctx.openid, updatedAt: ctx.now }
  await runInTransaction(ctx.db, async (tx) => {
    await txSet(tx, EV.leads, lead._id, withoutId(lead))
    await addEventHistory(tx, event._id, 'lead', ctx, union._id)
  })
  return { unionId: union._id, unionName: union.name, name: lead.name, phone: lead.phone }
}
