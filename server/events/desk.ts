import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { attendanceLabel } from '../../shared/events/rules'
import { ACTIVE_SIGNUP, type EventRecord, ParticipantMatch, SignupRecord, signupStatusLabel } from '../../shared/events/schemas'
import { escapeRegExp } from '../../shared/union/search'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { accessTo } from './access'
import { EV } from './collections'
import { checkInSignup } from './checkin'
import { teamsOf, unitsFor } from './participants'

/**
 * 按姓名签到 at the check-in desk, for a worker without a working phone: the organiser (or, at a
 * subtree-wide event, the chair of the person's unit) finds them by name or the last 4 digits of their
 * phone, and checks them in. The check-in's history line names who did it (server/events/checkin.ts).
 */

/** Enough for a desk to pick the right person; a longer list means the name typed is too short. */
const MATCHES = 20

export async function findParticipants(ctx: Ctx, event: EventRecord, query: string): Promise<Array<z.infer<typeof ParticipantMatch>>> {
  const units = unitsFor(ctx, event, undefined)
  const _ = ctx.db.command
  const byTail = /^\d{4}$/.test(query)
  const found = await findMany(
    ctx.db
      .collection(EV.signups)
      .where({
        eventId: event._id,
        status: _.in([...ACTIVE_SIGNUP]),
        ...(units ? { unionId: _.in(units) } : {}),
        ...(byTail ? { phoneTail: query } : { name: ctx.db.RegExp({ regexp: escapeRegExp(query) }) }),
      })
      .orderBy('_id', 'asc'),
    SignupRecord,
    MATCHES,
  )
  const teams = await teamsOf(ctx, found)
  return found.map((s) => {
    const team = teams.get(s.teamId)
    return {
      signupId: s._id,
      name: s.name,
      unionName: s.unionName || '（非会员）',
      team: team ? `${team.name}${s.teamRole === 'captain' ? '（队长）' : ''}` : '',
      phoneTail: s.phoneTail,
      status: s.status,
      statusLabel: signupStatusLabel[s.status],
      attendance: attendanceLabel(s),
      checkedIn: s.checkedInAt !== null,
    }
  })
}

/** Checks in one person the desk found, if the caller may check in that person's unit. */
export async function checkInByName(ctx: Ctx, event: EventRecord, signupId: string) {
  const signup = await findById(ctx.db.collection(EV.signups), signupId, SignupRecord)
  if (!signup || signup.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这个人的报名')
  const access = accessTo(ctx.grants, event)
  const allowed = access.role === 'organiser' || (access.role === 'unit' && access.unionIds.includes(signup.unionId))
  if (!allowed) throw new AppError('FORBIDDEN', '只有活动的组织工会可以为报名人签到')
  return checkInSignup(ctx, event, signup._id, 'manual')
}
