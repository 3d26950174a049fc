import { createHash } from 'crypto'
import { AppError } from '../../../../shared/contract'
import { ResultRecord, SignupRecord, TeamRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById, findMany, withoutId } from '../../../../server/db'
import { loadOwnEvent } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { addEventHistory } from '../../../../server/events/history'
import { resultsOf, winnerName } from '../../../../server/events/views'
import { runInTransaction } from '../../../../server/requests/tx'

/** 录入成绩: replaces one item's placings (e.g. the top six of 跳绳) with the given ones, by confirmed participants only. */
export const recordResults: Handler<typeof eventsActions.recordResults> = async ({ eventId, item, results }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  if (event.status === 'draft' || event.status === 'cancelled') throw new AppError('CONFLICT', '活动未发布或已取消，不能录入成绩')
  const _ = ctx.db.command
  const ids = [...new Set(results.map((r) => r.signupId))]
  const signups = ids.length ? await findMany(ctx.db.collection(EV.signups).where({ _id: _.in(ids), eventId: event._id }), SignupRecord, ids.length) : []
  const fields: Record<string, string> = {}
  results.forEach((r, i) => {
    const s = signups.find((x) => x._id === r.signupId)
    if (!s || s.status !== 'confirmed') fields[`results.${i}.signupId`] = '只能为报名成功的人录入成绩'
  })
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', '只能为报名成功的人录入成绩', fields)
  const old = await findMany(ctx.db.collection(EV.results).where({ eventId: event._id, item }), ResultRecord, 100)
  const lines: ResultRecord[] = []
  for (const [i, r] of results.entries()) {
    const s = signups.find((x) => x._id === r.signupId)
    if (!s) continue
    const team = s.teamId ? await findById(ctx.db.collection(EV.teams), s.teamId, TeamRecord) : null
    lines.push({ _id: `${event._id}-${createHash('sha256').update(item).digest('hex').slice(0, 16)}-${i}`, eventId: event._id, item, place: r.place, award: r.award, signupId: s._id, winner: winnerName(s, team), unionName: s.unionName, recordedBy: ctx.openid, recordedAt: ctx.now })
  }
  await runInTransaction(ctx.db, async (tx) => {
    for (const o of old) await tx.collection(EV.results).doc(o._id).remove()
    for (const line of lines) await tx.collection(EV.results).doc(line._id).set({ data: withoutId(line) })
    await addEventHistory(tx, event._id, 'results', ctx, `${item}: ${lines.length}`)
  })
  return { results: await resultsOf(ctx, event._id) }
}
