import { maskPhone } from '../../../shared/privacy/mask'
import { z } from 'zod'
import { AppError } from '../../../shared/contract'
import { formatDateTime } from '../../../shared/date'
import { formatMemberNo } from '../../../shared/membership/cardToken'
import {
  ApplicationRecord,
  MEMBER_NO_COUNTER,
  MemberProfileRecord,
  MembershipRecord,
  stintIdFor,
} from '../../../shared/membership/records'
import type { RoleRecord } from '../../../shared/domain/union'
import type { DescribedField, RequestDoc } from '../../../shared/requests/schemas'
import type { RequestEvent, RequestStatus } from '../../../shared/requests/state'
import type { Ctx } from '../../context'
import { findById } from '../../db'
import type { DescribeViewer } from '../../requests/registry'
import { txGet, txSet, txUpdate, type Transaction } from '../../requests/tx'
import { roleIdFor } from '../../privacy/opaqueIds'
import { confirmIdClaim } from '../idClaims'
import { PROFILES } from '../profiles'
import { MEMBERSHIPS } from '../stints'

const Counter = z.object({ value: z.number().int().min(0) })

export const APPLICATIONS = 'membership_applications'
export const COUNTERS = 'membership_counters'

/** `set` takes the id in doc(id), never in the body. */
function body<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc
  void _id
  return rest
}

export async function readApplication(tx: Transaction, request: RequestDoc): Promise<ApplicationRecord> {
  const raw = await txGet(tx, APPLICATIONS, request.subjectRef.id)
  if (raw === null) throw new Error(`membership application ${request.subjectRef.id} of request ${request._id} is missing`)
  return ApplicationRecord.parse(raw)
}

export async function readProfile(tx: Transaction, openid: string): Promise<MemberProfileRecord> {
  const raw = await txGet(tx, PROFILES, openid)
  if (raw === null) throw new Error(`member profile ${openid} is missing`)
  return MemberProfileRecord.parse(raw)
}

/** The next member number, from the counter, inside the approving transaction (so two approvals never share one). */
export async function nextMemberNo(tx: Transaction): Promise<string> {
  const raw = await txGet(tx, COUNTERS, MEMBER_NO_COUNTER)
  const next = (raw === null ? 0 : Counter.parse(raw).value) + 1
  await txSet(tx, COUNTERS, MEMBER_NO_COUNTER, { value: next })
  return formatMemberNo(next)
}

/** Opens a stint at the request's union and grants the member role; both ids come from the request, so a replay changes nothing. */
export async function openStint(
  tx: Transaction,
  request: RequestDoc,
  app: ApplicationRecord,
  opts: { memberNo: string; joinedAt: Date; now: Date },
): Promise<MembershipRecord> {
  const stint: MembershipRecord = {
    _id: stintIdFor(request._id),
    openid: app.openid,
    unionId: request.unionId,
    unionPath: request.unionPath,
    unionName: app.unionName,
    memberNo: opts.memberNo,
    joinedAt: opts.joinedAt,
    from: opts.now,
    to: null,
    status: 'active',
    retainReason: null,
    // carried from the application, so the roster and 年度数据 read it off the stint
    migrant: app.migrant,
    roleId: roleIdFor(app.openid, request.unionId, 'member'),
    requestId: request._id,
    createdAt: opts.now,
    updatedAt: opts.now,
  }
  await txSet(tx, MEMBERSHIPS, stint._id, body(stint))
  const role: RoleRecord = {
    _id: stint.roleId,
    openid: app.openid,
    unionId: request.unionId,
    role: 'member',
    unionPath: request.unionPath,
    unionName: app.unionName,
    grantedAt: opts.now,
    grantedBy: request._id,
  }
  await txSet(tx, 'roles', role._id, body(role))
  return stint
}

/** After approval: the profile points at the new stint and the request slot is free again. */
export async function settleProfile(tx: Transaction, profile: MemberProfileRecord, stintId: string, app: ApplicationRecord, now: Date): Promise<void> {
  // the reviewer was asked to check the ID card in person and approved: the number is this person's
  if (app.idCheck === true) await confirmIdClaim(tx, app.idNumber.hash, profile._id, now)
  await txUpdate(tx, PROFILES, profile._id, {
    currentMembershipId: stintId,
    ...(app.idCheck === true ? { idPending: false } : {}),
    openRequest: null,
    requestSeq: profile.requestSeq + 1,
    // the employer and job the union approved become the profile's
    employer: app.employer,
    job: app.job,
    updatedAt: now,
  })
}

/** The stint a profile points at, read inside the transaction; null when it is no longer current. */
export async function readCurrentStint(tx: Transaction, profile: MemberProfileRecord): Promise<MembershipRecord | null> {
  if (!profile.currentMembershipId) return null
  const raw = await txGet(tx, MEMBERSHIPS, profile.currentMembershipId)
  if (raw === null) return null
  const stint = MembershipRecord.parse(raw)
  return stint.status === 'active' || stint.status === 'retained' ? stint : null
}

/**
 * Any other close (rejected, withdrawn): free the person's request slot. Approval is settled by
 * onApproved itself, in the same transaction, so it is skipped here.
 */
export async function onMembershipTransition(
  tx: Transaction,
  request: RequestDoc,
  change: { from: RequestStatus; event: RequestEvent },
  ctx: Ctx,
): Promise<void> {
  if (change.event.type === 'resubmit') return refreshFromProfile(tx, request)
  if (request.closedAt === null || request.status === 'approved' || change.event.type === 'submit') return
  const profile = await readProfile(tx, request.applicantOpenid)
  if (profile.openRequest?.requestId !== request._id) return
  await txUpdate(tx, PROFILES, profile._id, { openRequest: null, requestSeq: profile.requestSeq + 1, updatedAt: ctx.now })
}

/**
 * 重新提交 after 退回修改: the application takes what the applicant corrected in his profile (name,
 * phone, way of working, employer, job), in the resubmitting transaction, and keeps what changed so the
 * reviewer sees 修改前 / 修改后 before deciding again. The ID number cannot change while a request is open.
 */
async function refreshFromProfile(tx: Transaction, request: RequestDoc): Promise<void> {
  const app = await readApplication(tx, request)
  const profile = await readProfile(tx, request.applicantOpenid)
  const next = {
    name: profile.name,
    phoneMasked: profile.phone ? maskPhone(profile.phone) : app.phoneMasked,
    workerType: profile.workerType,
    migrant: profile.migrant,
    employer: profile.employer,
    job: profile.job,
    gender: profile.gender,
  }
  const shown = (v: string) => v || '未填写'
  const workerLabel = (w: string) => (w === 'gig' ? '新就业形态劳动者' : '单位职工')
  const compared: Array<[string, string, string]> = [
    ['姓名', app.name, next.name],
    ['手机号', app.phoneMasked, next.phoneMasked],
    ['就业方式', workerLabel(app.workerType), workerLabel(next.workerType)],
    ['是否农民工', app.migrant ? '是' : '否', next.migrant ? '是' : '否'],
    [next.workerType === 'gig' ? '所在平台或站点' : '工作单位', app.employer, next.employer],
    ['岗位或工种', app.job, next.job],
  ]
  const changes = compared.filter(([, before, after]) => before !== after).map(([label, before, after]) => ({ label, before: shown(before), after: shown(after) }))
  await txUpdate(tx, APPLICATIONS, app._id, { ...next, changes })
}

/** What a reviewer needs to decide in under a minute; the ID number only masked (open it through the audited view). */
export function describeApplication(app: ApplicationRecord, request: RequestDoc, viewer: DescribeViewer = { reviewer: false }): DescribedField[] {
  const fields: DescribedField[] = [
    { label: '姓名', value: app.name },
    { label: '身份证号', value: app.idNumber.masked, sensitive: 'idNumber', revealKey: 'idNumber' },
  ]
  // reviewers only: the applicant must not learn from his own page that someone else uses the number
  if (viewer.reviewer && app.idCheck === true) {
    fields.push({ label: '身份证号核实', value: '另有微信账号登记了这个身份证号。请当面核对申请人的身份证原件，确认是本人后再通过' })
  }
  fields.push(
    { label: '手机号', value: app.phoneMasked },
    { label: '就业方式', value: app.workerType === 'gig' ? '新就业形态劳动者' : '单位职工' },
    { label: '是否农民工', value: app.migrant ? '是' : '否' },
    { label: app.workerType === 'gig' ? '所在平台或站点' : '工作单位', value: app.employer || '未填写' },
    { label: '岗位或工种', value: app.job },
  )
  if (app.fromUnionName) fields.push({ label: '原工会', value: app.fromUnionName }, { label: '会员编号', value: app.memberNo ?? '' })
  fields.push({ label: app.fromUnionName ? '转入工会' : '申请加入', value: app.unionName }, { label: '提交时间', value: formatDateTime(request.submittedAt) })
  if (app.reason) fields.push({ label: '转会原因', value: app.reason })
  if (app.changes) {
    // resubmitted after 退回修改: what the applicant changed, before the reviewer decides again
    if (app.changes.length === 0) fields.push({ label: '重新提交', value: '申请人没有修改内容' })
    for (const c of app.changes) fields.push({ label: `修改：${c.label}`, value: `修改前「${c.before}」 → 修改后「${c.after}」` })
  }
  return fields
}

/** The application behind a request, outside a transaction (describe, timelines). */
export async function loadApplication(ctx: Pick<Ctx, 'db'>, request: RequestDoc): Promise<ApplicationRecord> {
  const app = await findById(ctx.db.collection(APPLICATIONS), request.subjectRef.id, ApplicationRecord)
  if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请的内容')
  return app
}
