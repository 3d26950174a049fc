import { AppError } from '../../shared/contract'
import { MemberProfileRecord, MembershipRecord } from '../../shared/membership/records'
import { roleIdFor } from '../privacy/opaqueIds'
import { roleLabel, type RoleRecord } from '../../shared/domain/union'
import { membersAfterDissolutionLabel, type MembersAfterDissolution, type UnionFullRecord } from '../../shared/union/admin'
import type { Ctx } from '../context'
import { countDocs, findMany, withoutId } from '../db'
import { runInTransaction, txGet, txRemove, txSet, txUpdate } from '../requests/tx'
import { addUnionHistory } from './history'
import { loadFullUnion, officersOf } from './office'
import { stintMoved, unionDissolved } from '../stats/tally'

const MEMBERSHIPS = 'memberships'
const PROFILES = 'member_profiles'
/** Members moved per call: each is its own transaction, so a call stays inside the union function's 5 s limit. */
export const DISSOLVE_PAGE = 20

/** The stint a dissolution opens at the union above: named after the one it closes, so a retry opens nothing twice. */
export const movedStintId = (stintId: string): string => `ms-dis-${stintId}`

/**
 * 注销, step one: the union is marked dissolved (no new members, out of search and the tree) and
 * its offices end, in one transaction with the history line. Step two moves the members.
 */
async function markDissolved(ctx: Ctx, union: UnionFullRecord, members: MembersAfterDissolution, reason: string): Promise<void> {
  const officers = await officersOf(ctx.db, union._id)
  await runInTransaction(ctx.db, async (tx) => {
    await txUpdate(tx, 'unions', union._id, { dissolvedAt: ctx.now, dissolvedMembers: members })
    await unionDissolved(ctx, tx, union, ctx.now)
    for (const o of officers) await txRemove(tx, 'roles', o._id)
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'dissolve',
      role: null,
      subjectOpenid: null,
      note: `注销：${reason}；会员${membersAfterDissolutionLabel[members]}；${officers.map((o) => roleLabel[o.role]).join('、') || '无'}职务随之终止`,
    })
  })
}

/**
 * One member, one transaction: the stint at the dissolved union closes (已转出) and a stint at the
 * union above opens — 保留会籍 (单位关闭或破产, Beijing 2020 rules) or active — with the member role
 * and the profile's pointer moved along. Member number and 入会时间 are kept (一次入会).
 */
async function moveMember(ctx: Ctx, stint: MembershipRecord, parent: UnionFullRecord, members: MembersAfterDissolution): Promise<void> {
  await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, MEMBERSHIPS, stint._id)
    if (raw === null) return
    const fresh = MembershipRecord.parse(raw)
    if (fresh.status !== 'active' && fresh.status !== 'retained') return
    await txUpdate(tx, MEMBERSHIPS, fresh._id, { status: 'transferred', to: ctx.now, updatedAt: ctx.now })
    await txRemove(tx, 'roles', fresh.roleId)
    const next: MembershipRecord = {
      ...fresh,
      _id: movedStintId(fresh._id),
      unionId: parent._id,
      unionPath: parent.path,
      unionName: parent.name,
      from: ctx.now,
      to: null,
      status: members === 'retain' ? 'retained' : 'active',
      retainReason: members === 'retain' ? 'employer_closed' : null,
      roleId: roleIdFor(fresh.openid, parent._id, 'member'),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    await txSet(tx, MEMBERSHIPS, next._id, withoutId(next))
    const role: RoleRecord = { _id: next.roleId, openid: fresh.openid, unionId: parent._id, role: 'member', unionPath: parent.path, unionName: parent.name, grantedAt: ctx.now, grantedBy: `dissolve:${fresh.unionId}` }
    await txSet(tx, 'roles', role._id, withoutId(role))
    const profileRaw = await txGet(tx, PROFILES, fresh.openid)
    if (profileRaw !== null && MemberProfileRecord.parse(profileRaw).currentMembershipId === fresh._id) {
      await txUpdate(tx, PROFILES, fresh.openid, { currentMembershipId: next._id, updatedAt: ctx.now })
    }
    await stintMoved(ctx, tx, fresh, next, profileRaw === null ? null : MemberProfileRecord.parse(profileRaw).gender)
  })
}

const current = (ctx: Ctx, unionId: string) => ctx.db.collection(MEMBERSHIPS).where({ unionId, status: ctx.db.command.in(['active', 'retained']) })

/** 注销 a union, or carry on moving its members: call again while `remaining` > 0. */
export async function dissolveUnion(ctx: Ctx, union: UnionFullRecord, members: MembersAfterDissolution, reason: string) {
  if (!union.parentId) throw new AppError('FORBIDDEN', '总工会不能在这里注销')
  const parent = await loadFullUnion(ctx.db, union.parentId)
  if (!union.dissolvedAt) await markDissolved(ctx, union, members, reason)
  const page = await findMany(current(ctx, union._id).orderBy('_id', 'asc'), MembershipRecord, DISSOLVE_PAGE)
  for (const stint of page) await moveMember(ctx, stint, parent, members)
  const remaining = await countDocs(current(ctx, union._id))
  return { unionId: union._id, moved: page.length, remaining, done: remaining === 0 }
}
