import { z } from 'zod'
import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { CADRE_ROLES } from '../../../../server/aid/subject'
import type { aidActions } from '../../../../shared/aid/actions'
import { maskName } from '../../../../shared/privacy/mask'

const MemberRole = z.object({ _id: z.string(), openid: z.string() })
const UserName = z.object({ _id: z.string(), nickName: z.string() })

/** 代办: the members of the cadre's own union the cadre may offer to file for. */
export const proxyCandidates: Handler<typeof aidActions.proxyCandidates> = async ({ unionId }, ctx) => {
  if (!ctx.grants.some((g) => g.unionId === unionId && (CADRE_ROLES as readonly string[]).includes(g.role))) {
    throw new AppError('FORBIDDEN', '只有本工会的干部可以为会员代办帮扶申请')
  }
  const members = (await findMany(ctx.db.collection('roles').where({ unionId, role: 'member' }).orderBy('_id', 'asc'), MemberRole, 100)).filter((m) => m.openid !== ctx.openid)
  const _ = ctx.db.command
  const names = members.length ? await findMany(ctx.db.collection('users').where({ _id: _.in(members.map((m) => m.openid)) }), UserName, 100) : []
  return { items: members.map((m) => ({ roleId: m._id, name: maskName(names.find((n) => n._id === m.openid)?.nickName ?? '会员') })) }
}
