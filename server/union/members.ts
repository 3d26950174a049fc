import { randomBytes } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { MemberProfileRecord, MembershipRecord } from '../../shared/membership/records'
import { workerTypeLabel } from '../../shared/membership/schemas'
import { stintStatusLabel } from '../../shared/membership/status'
import { maskName, maskPhone } from '../../shared/privacy/mask'
import { isStaffOver } from '../../shared/union/officers'
import type { UnionFullRecord } from '../../shared/union/admin'
import { monthLabel } from '../../shared/union/dues'
import type { MemberDetail, RevealField } from '../../shared/union/members'
import type { Ctx } from '../context'
import { countDocs, findById, findMany, withoutId } from '../db'
import { writeAudit } from '../privacy/audit'
import { openSensitive } from '../privacy/crypto'
import { submitRequest } from '../requests/engine'
import { displayName } from '../requests/people'
import { runInTransaction, txGet, txSet, txUpdate } from '../requests/tx'
import { arrearsAt } from './arrears'
import { duesHistoryOf } from './dues'
import { EXEMPTIONS, ExemptionRecord, exemptionId, exemptionView } from './exemptions'
import { EXPEL_KIND, EXPULSIONS, type ExpulsionRecord } from './expulsionKind'
import { addUnionHistory } from './history'
import { loadFullUnion } from './office'

const OFFICES = ['chair', 'vice_chair', 'committee'] as const
const STINTS_SHOWN = 50

/** Who may read a member's page: the union's officers and the federation staff over it (as the roster). */
export function mayReadMembers(ctx: Ctx, union: UnionFullRecord): boolean {
  return isStaffOver(ctx.grants, union) || ctx.grants.some((g) => g.unionId === union._id && OFFICES.some((o) => o === g.role))
}
/** Who may open a full ID or phone number (audited): the chair and vice-chairs, and the federation staff over the union. */
export const mayReveal = (ctx: Ctx, union: UnionFullRecord): boolean =>
  isStaffOver(ctx.grants, union) || ctx.grants.some((g) => g.unionId === union._id && (g.role === 'chair' || g.role === 'vice_chair'))
const isChair = (ctx: Ctx, union: UnionFullRecord): boolean => ctx.grants.some((g) => g.unionId === union._id && g.role === 'chair')

/** The member's latest stint at the union (a member who left and came back keeps her number). */
export async function memberAt(ctx: Ctx, unionId: string, memberNo: string): Promise<{ union: UnionFullRecord; stint: MembershipRecord }> {
  const union = await loadFullUnion(ctx.db, unionId)
  if (!mayReadMembers(ctx, union)) throw new AppError('FORBIDDEN', `只有${union.name}的工会干部和上级工会可以查看会员信息`)
  const [stint] = await findMany(ctx.db.collection('memberships').where({ unionId: union._id, memberNo }).orderBy('from', 'desc'), MembershipRecord, 1)
  if (!stint) throw new AppError('NOT_FOUND', `本工会名册中没有会员编号${memberNo}`)
  return { union, stint }
}

const isCurrent = (s: MembershipRecord): boolean => s.status === 'active' || s.status === 'retained'

async function openHardshipFile(ctx: Pick<Ctx, 'db'>, openid: string): Promise<string | null> {
  const [file] = await findMany(ctx.db.collection('aid_files').where({ ownerOpenid: openid, status: 'active' }), z.object({ _id: z.string() }), 1)
  return file?._id ?? null
}

async function expulsionPending(ctx: Pick<Ctx, 'db'>, stintId: string): Promise<boolean> {
  return (await countDocs(ctx.db.collection(EXPULSIONS).where({ stintId, outcome: 'pending' }))) > 0
}

/** 会员详情: identifiers masked, every stint, her dues, 拟除名 and 免缴, and what the caller may do. */
export async function memberDetail(ctx: Ctx, unionId: string, memberNo: string): Promise<MemberDetail> {
  const { union, stint } = await memberAt(ctx, unionId, memberNo)
  const [profile, stints, exemption, file, pending] = await Promise.all([
    findById(ctx.db.collection('member_profiles'), stint.openid, MemberProfileRecord),
    findMany(ctx.db.collection('memberships').where({ openid: stint.openid }).orderBy('from', 'desc'), MembershipRecord, STINTS_SHOWN),
    findById(ctx.db.collection(EXEMPTIONS), exemptionId(union._id, stint.memberNo), ExemptionRecord),
    openHardshipFile(ctx, stint.openid),
    expulsionPending(ctx, stint._id),
  ])
  const current = isCurrent(stint)
  const [dues, arrears] = await Promise.all([duesHistoryOf(ctx, stints), current ? arrearsAt(ctx.db, union._id) : Promise.resolve(new Set<string>())])
  const holdsOffice = (await countDocs(ctx.db.collection('roles').where({ openid: stint.openid, unionId: union._id, role: ctx.db.command.in([...OFFICES]) }))) > 0
  const exempt = exemption && exemption.endedAt === null ? exemption : null
  return {
    memberNo: stint.memberNo,
    name: profile?.name || '（未填写姓名）',
    phoneMasked: profile?.phone ? maskPhone(profile.phone) : '',
    idMasked: profile?.idNumber?.masked ?? '',
    genderLabel: profile?.gender === 'female' ? '女' : profile?.gender === 'male' ? '男' : '',
    workerTypeLabel: profile ? workerTypeLabel[profile.workerType] : '',
    employer: profile?.employer ?? '',
    job: profile?.job ?? '',
    unionName: stint.unionName,
    status: stint.status,
    statusLabel: stintStatusLabel[stint.status],
    joinedAt: stint.joinedAt,
    arrears: arrears.has(stint.memberNo),
    exemption: exempt ? exemptionView(exempt) : null,
    hardshipFile: file !== null,
    stints: stints.map((s) => ({ unionName: s.unionName, from: s.from, to: s.to, statusLabel: stintStatusLabel[s.status], current: s._id === stint._id })),
    dues: dues.map((d) => ({ month: d.month, monthLabel: d.monthLabel, unionName: d.unionName, amountFen: d.amountFen, status: d.status, statusLabel: d.statusLabel, reason: d.reason })),
    expulsionPending: pending,
    may: {
      reveal: mayReveal(ctx, union) && profile !== null,
      expel: isChair(ctx, union) && current && !pending && !holdsOffice,
      exempt: isChair(ctx, union) && current && stint.openid !== ctx.openid,
    },
  }
}

/**
 * 查看完整: the member's full ID or phone number for the union's chair, vice-chairs or the federation
 * above; the audit line is written in the same transaction as the read, and the member sees it in
 * 谁看过我的信息 (account.myAccessLog reads entries by subjectOpenid).
 */
export async function revealMember(ctx: Ctx, unionId: string, memberNo: string, field: RevealField): Promise<{ value: string }> {
  const { union, stint } = await memberAt(ctx, unionId, memberNo)
  if (!mayReveal(ctx, union)) throw new AppError('FORBIDDEN', '只有本工会主席、副主席和上级工会可以查看完整信息')
  return runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, 'member_profiles', stint.openid)
    const profile = raw === null ? null : MemberProfileRecord.parse(raw)
    const value = field === 'idNumber' ? (profile?.idNumber ? openSensitive(profile.idNumber) : '') : (profile?.phone ?? '')
    if (!value) throw new AppError('NOT_FOUND', field === 'idNumber' ? '这位会员没有登记身份证号' : '这位会员没有登记手机号')
    await writeAudit(tx, { actorOpenid: ctx.openid, action: 'reveal_field', subjectCollection: 'member_profiles', subjectId: stint.memberNo, field, requestId: null, subjectOpenid: stint.openid, at: ctx.now })
    return { value }
  })
}

/**
 * 除名 starts here: the chair proposes it with a reason, as a request the union's approver for 除名
 * decides (server/union/expulsionKind.ts). One open proposal per membership.
 */
export async function proposeExpulsion(ctx: Ctx, input: { unionId: string; memberNo: string; reason: string }) {
  const { union, stint } = await memberAt(ctx, input.unionId, input.memberNo)
  if (!isChair(ctx, union)) throw new AppError('FORBIDDEN', `只有${union.name}主席可以提出除名`)
  if (!isCurrent(stint)) throw new AppError('CONFLICT', `会员${stint.memberNo}目前${stintStatusLabel[stint.status]}，不能除名`)
  if (stint.openid === ctx.openid) throw new AppError('CONFLICT', '不能对自己提出除名')
  const offices = await countDocs(ctx.db.collection('roles').where({ openid: stint.openid, unionId: union._id, role: ctx.db.command.in([...OFFICES]) }))
  if (offices > 0) throw new AppError('CONFLICT', '这位会员在本工会担任职务，请先免去职务再提出除名')
  const [profile, arrears] = await Promise.all([findById(ctx.db.collection('member_profiles'), stint.openid, MemberProfileRecord), arrearsAt(ctx.db, union._id)])
  const expulsionId = randomBytes(12).toString('hex')
  const maskedName = maskName(profile?.name || '会员')
  const request = await submitRequest(
    ctx,
    {
      kind: EXPEL_KIND,
      unionId: union._id,
      summary: { title: `除名：${maskedName}`, subtitle: stint.memberNo },
      subjectRef: { collection: EXPULSIONS, id: expulsionId },
      applicantName: await displayName(ctx.db, ctx.openid, '工会主席'),
      exclusiveKey: `expel:${stint._id}`,
      exclusiveMessage: '这位会员已有一份除名申请正在办理',
    },
    {
      inTransaction: async (tx) => {
        const record: ExpulsionRecord = {
          _id: expulsionId,
          unionId: union._id,
          unionPath: union.path,
          unionName: union.name,
          memberNo: stint.memberNo,
          stintId: stint._id,
          openid: stint.openid,
          maskedName,
          reason: input.reason,
          arrears: arrears.has(stint.memberNo),
          outcome: 'pending',
          createdAt: ctx.now,
          decidedAt: null,
        }
        await txSet(tx, EXPULSIONS, expulsionId, withoutId(record))
      },
    },
  )
  return { requestId: request._id, status: request.status }
}

/**
 * 会费减免 for hardship, granted by the chair from a month on: recordDues then writes her 免缴 with the
 * reason, 拟除名 no longer counts her, and her dues page says 免缴. Linked to her open 困难档案 when
 * she has one. One document per member and union, changed in one transaction with the history line.
 */
export async function grantExemption(ctx: Ctx, input: { unionId: string; memberNo: string; from: string; reason: string }) {
  const { union, stint } = await memberAt(ctx, input.unionId, input.memberNo)
  if (!isChair(ctx, union)) throw new AppError('FORBIDDEN', `只有${union.name}主席可以批准会费减免`)
  if (!isCurrent(stint)) throw new AppError('CONFLICT', `会员${stint.memberNo}目前${stintStatusLabel[stint.status]}，不能办理免缴`)
  // nobody exempts herself: a chair in hardship asks the union's committee, which records it as any other member's
  if (stint.openid === ctx.openid) throw new AppError('CONFLICT', '不能为自己批准免缴会费')
  const file = await openHardshipFile(ctx, stint.openid)
  const id = exemptionId(union._id, stint.memberNo)
  const record: ExemptionRecord = {
    _id: id,
    unionId: union._id,
    unionPath: union.path,
    memberNo: stint.memberNo,
    openid: stint.openid,
    from: input.from,
    reason: input.reason,
    hardshipFileId: file,
    grantedBy: ctx.openid,
    grantedAt: ctx.now,
    endedAt: null,
    endedBy: null,
    endReason: '',
  }
  await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, EXEMPTIONS, id)
    if (raw !== null && ExemptionRecord.parse(raw).endedAt === null) throw new AppError('CONFLICT', '这位会员已经在免缴中', { from: '已在免缴中' })
    await txSet(tx, EXEMPTIONS, id, withoutId(record))
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'exempt',
      role: null,
      subjectOpenid: stint.openid,
      note: `会员${stint.memberNo}自${monthLabel(input.from)}起免缴会费：${input.reason}${file ? '（困难职工档案在档）' : ''}`,
    })
  })
  return { memberNo: stint.memberNo, exemption: exemptionView(record) }
}

/** 停止免缴: the chair ends an exemption (she is no longer in hardship); the record stays with its end. */
export async function endExemption(ctx: Ctx, input: { unionId: string; memberNo: string; reason: string }) {
  const { union, stint } = await memberAt(ctx, input.unionId, input.memberNo)
  if (!isChair(ctx, union)) throw new AppError('FORBIDDEN', `只有${union.name}主席可以停止会费减免`)
  const id = exemptionId(union._id, stint.memberNo)
  await runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, EXEMPTIONS, id)
    if (raw === null || ExemptionRecord.parse(raw).endedAt !== null) throw new AppError('CONFLICT', '这位会员目前没有免缴')
    await txUpdate(tx, EXEMPTIONS, id, { endedAt: ctx.now, endedBy: ctx.openid, endReason: input.reason })
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'end_exemption',
      role: null,
      subjectOpenid: stint.openid,
      note: `会员${stint.memberNo}停止免缴会费：${input.reason}`,
    })
  })
  return { memberNo: stint.memberNo, exemption: null }
}
