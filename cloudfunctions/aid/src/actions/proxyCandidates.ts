import { z } from 'zod'
import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { CADRE_ROLES } from '../../../../server/aid/subject'
import { ProxyDoc } from '../../../../shared/aid/records'
import { inChina } from '../../../../shared/date'
import type { aidActions } from '../../../../shared/aid/actions'
// masked the one way every list masks names (李*强); 入会时间 tells two 李* apart
import { maskName } from '../../../../shared/privacy/mask'

const MemberRole = z.object({ _id: z.string(), openid: z.string(), grantedAt: z.date() })

const UserName = z.object({ _id: z.string(), nickName: z.string() })

/** 代办: the members of the cadre's own union the cadre may offer to file for. */
export const proxyCandidates: Handler<typeof aidActions.proxyCandidates> = async ({ unionId }, ctx) => {
  if (!ctx.grants.some((g) => g.unionId === unionId && (CADRE_ROLES as readonly string[]).includes(g.role))) {
    throw new AppError('FORBIDDEN', '只有本工会的干部可以为会员代办帮扶申请')
  }
  const members = (await findMany(ctx.db.collection('roles').where({ unionId, role: 'member' }).orderBy('_id', 'asc'), MemberRole, 100)).filter((m) => m.openid !== ctx.openid)
  const _ = ctx.db.command
  const openids = members.map((m) => m.openid)
  const [names, asked] = members.length
    ? await Promise.all([
        findMany(ctx.db.collection('users').where({ _id: _.in(openids) }), UserName, 100),
        findMany(ctx.db.collection(AID.proxies).where({ cadreOpenid: ctx.openid, unionId, workerOpenid: _.in(openids) }), ProxyDoc, 100),
      ])
    : [[], []]
  // the newest request to each member decides what the button says
  const lastAsk = (openid: string) => asked.filter((p) => p.workerOpenid === openid).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.status ?? null
  return {
    items: members.map((m) => ({
      roleId: m._id,
      name: maskName(names.find((n) => n._id === m.openid)?.nickName ?? '会员'),
      since: `${inChina(m.grantedAt).format('YYYY年M月')}入会`,
      asked: lastAsk(m.openid),
    })),
  }
}
