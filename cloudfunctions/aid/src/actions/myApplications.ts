import { z } from 'zod'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { cursorOf, parseCursor, toItem } from '../../../../server/aid/views'
import type { aidActions } from '../../../../shared/aid/actions'
import { ApplicationDoc } from '../../../../shared/aid/records'
import { RequestStatus } from '../../../../shared/requests/state'

const PAGE = 20
const RequestStatusOnly = z.object({ _id: z.string(), status: RequestStatus })

/** 我的申请: the worker's own applications and those a cadre filed for others, newest first. */
export const myApplications: Handler<typeof aidActions.myApplications> = async ({ cursor }, ctx) => {
  const _ = ctx.db.command
  const mine = _.or([{ applicantOpenid: ctx.openid }, { filedByOpenid: ctx.openid }])
  const where = cursor ? _.and([mine, { createdAt: _.lt(parseCursor(cursor).at) }]) : mine
  const apps = await findMany(ctx.db.collection(AID.applications).where(where).orderBy('createdAt', 'desc'), ApplicationDoc, PAGE)
  const requests = apps.length
    ? await findMany(ctx.db.collection('requests').where({ _id: _.in(apps.map((a) => a.requestId)) }), RequestStatusOnly, PAGE)
    : []
  const statusOf = new Map(requests.map((r) => [r._id, r.status]))
  const last = apps[apps.length - 1]
  return {
    items: apps.map((a) => toItem(a, statusOf.get(a.requestId) ?? null)),
    nextCursor: apps.length === PAGE && last ? cursorOf(last.createdAt, last._id) : null,
  }
}
