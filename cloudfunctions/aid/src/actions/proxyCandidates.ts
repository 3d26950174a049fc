import { z } from 'zod'
import { AppError } from '../../../../shared/contract'
import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { CADRE_ROLES } from '../../../../server/aid/subject'
import { ProxyDoc } from '../../../../shared/aid/records'
import { inChina } from '../../../../shared/date'
import type { aidActions } from '../../../../shared/aid/actions'
// masked the one way every list masks names (李*强); 单位, 岗位 and 入会时间 tell two 李*强 apart
import { maskName } from '../../../../shared/privacy/mask'
import { DEFAULT_NICKNAME } from '../../../../shared/account/schemas'
import { loadUnion } from '../../../../server/aid/config'

const MemberRole = z.object({ _id: z.string(), openid: z.string(), grantedAt: z.date() })

const UserName = z.object({ _id: z.string(), nickName: z.string() })
/** the member register: the name on the ID card, not a WeChat nickname ("微信用户" for many), with 单位 and 岗位 */
const Registered = z.object({ _id: z.string(), name: z.string().default(''), employer: z.string().default(''), job: z.string().default('') })

/** 代办: the members of the cadre's own union the cadre may offer to file for. */
export const proxyCandidates: Handler<typeof aidActions.proxyCandidates> = async ({ unionId }, ctx) => {
  if (!ctx.grants.some((g) => g.unionId === unionId && (CADRE_ROLES as readonly string[]).includes(g.role))) {
    throw new AppError('FORBIDDEN', '只有本工会的干部可以为会员代办帮扶申请')
  }
  const members = (await findMany(ctx.db.collection('roles').where({ unionId, role: 'member' }).orderBy('_id', 'asc'), MemberRole, 100)).filter((m) => m.openid !== ctx.openid)
  const _ = ctx.db.command
  const openids = members.map((m) => m.openid)
  const [union, profiles, names, asked] = await Promise.all([
    loadUnion(ctx.db, unionId),
    members.length ? findMany(ctx.db.collection('member_profiles').where({ _id: _.in(openids) }), Registered, 100) : [],
    members.length ? findMany(ctx.db.collection('users').where({ _id: _.in(openids) }), UserName, 100) : [],
    members.length ? findMany(ctx.db.collection(AID.proxies).where({ cadreOpenid: ctx.openid, unionId, workerOpenid: _.in(openids) }), ProxyDoc, 100) : [],
  ])
  const nameOf = (openid: string): string => {
    const registered = profiles.find((p) => p._id === openid)?.name.trim()
    if (registered) return maskName(registered)
    const nick = names.find((n) => n._id === openid)?.nickName.trim()
    return nick && nick !== DEFAULT_NICKNAME ? maskName(nick) : '（未填写姓名）'
  }
  // the newest request to each member decides what the button says
  const lastAsk = (openid: string) => asked.filter((p) => p.workerOpenid === openid).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.status ?? null
  return {
    items: members.map((m) => {
      const profile = profiles.find((p) => p._id === m.openid)
      return {
        roleId: m._id,
        name: nameOf(m.openid),
        unit: profile?.employer.trim() || union.name,
        job: profile?.job.trim() ?? '',
        since: `${inChina(m.grantedAt).format('YYYY年M月')}入会`,
        asked: lastAsk(m.openid),
      }
    }),
  }
}
