import { z } from 'zod'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { DEFAULT_NICKNAME } from '../../../../shared/account/schemas'
import { AppError } from '../../../../shared/contract'
import type { reviewActions } from '../../../../shared/requests/actions'

const ViceChair = z.object({ _id: z.string(), openid: z.string(), approver: z.boolean().optional() })
const Named = z.object({ _id: z.string(), name: z.string() })
const User = z.object({ _id: z.string(), nickName: z.string() })

/** 审批人设置: the vice-chairs of each union the caller chairs, and whether each one reviews. */
export const listApprovers: Handler<typeof reviewActions.listApprovers> = async (_input, ctx) => {
  const chaired = [...new Set(ctx.grants.filter((g) => g.role === 'chair').map((g) => g.unionId))]
  if (chaired.length === 0) throw new AppError('FORBIDDEN', '只有工会主席可以设置审批人')
  const _ = ctx.db.command
  const [unions, viceChairs] = await Promise.all([
    findMany(ctx.db.collection('unions').where({ _id: _.in(chaired) }), Named, chaired.length),
    Promise.all(chaired.map((unionId) => findMany(ctx.db.collection('roles').where({ unionId, role: 'vice_chair' }), ViceChair, 50))),
  ])
  const openids = [...new Set(viceChairs.flat().map((v) => v.openid))]
  const users = openids.length ? await findMany(ctx.db.collection('users').where({ _id: _.in(openids) }), User, openids.length) : []
  const nameOf = new Map(users.map((u) => [u._id, u.nickName]))
  return {
    unions: chaired.map((unionId, i) => ({
      unionId,
      unionName: unions.find((u) => u._id === unionId)?.name ?? '',
      viceChairs: viceChairs[i].map((v) => ({ roleId: v._id, name: nameOf.get(v.openid) ?? DEFAULT_NICKNAME, approver: v.approver === true })),
    })),
  }
}
