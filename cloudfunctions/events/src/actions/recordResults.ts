import { createHash } from 'crypto'
import { AppError } from '../../../../shared/contract'
import { resultsProblem } from '../../../../shared/events/rules'
import { ResultRecord, SignupRecord, TeamRecord } from '../../../../shared/events/schemas'
import type { Handler } from '../../../../server/createFunction'
import type { eventsActions } from '../../../../shared/events/actions'
import { findById, findMany, withoutId } from '../../../../server/db'
import { loadOwnEvent } from '../../../../server/events/access'
import { EV } from '../../../../server/events/collections'
import { addEventHistory } from '../../../../server/events/history'
import { resultsOf, winnerName } from '../../../../server/events/views'
import { runInTransaction } from '../../../../server/requests/tx'

/** 录入成绩: replaces one item's placings (e.g. the top six of 跳绳) with the given ones: contests only, from the start on, for checked-in people or teams. */
export const recordResults: Handler<typeof eventsActions.recordResults> = async ({ eventId, item, results }, ctx) => {
  const event = await loadOwnEvent(ctx, eventId)
  const problem = resultsProblem(event, ctx.now)
  if (problem) throw new AppError('CONFLICT', problem)
  const _ = ctx.db.command
  const ids = [...new Set(results.map((r) => r.signupId))]
  const signups = ids.length ? await findMany(ctx.db.collection(EV.signups).where({ _id: _.in(ids), eventId: event._id }), SignupRecord, ids.length) : []
  // a team took part when any of its people checked in
  const teamIds = signups.filter((s) => s.teamRole === 'captain').map((s) => s.teamId)
  const present = teamIds.length ? await findMany(ctx.db.collection(EV.signups).where({ eventId: event._id, teamId: _.in(teamIds), checkedInAt: _.neq(null) }), SignupRecord, 100) : []
  const tookPart = (s: SignupRecord) => s.checkedInAt !== null || (s.teamRole === 'captain' && present.some((p) => p.teamId === s.teamId))
  const fields: Record<string, string> = {}
  results.forEach((r, i) => {
    const s = signups.find((x) => x._id === r.signupId)
    if (!s || s.status !== 'confirmed') fields[`results.${i}.signupId`] = '只能为报名成功的人录入成绩'
    else if (!tookPart(s)) fields[`results.${i}.signupId`] = '只能为已签到的人或队伍录入成绩'
  })
  const first = Object.values(fields)[0]
  if (first) throw new AppError('INVALID_INPUT', first, fields)
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
