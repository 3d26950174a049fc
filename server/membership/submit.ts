import { createHash } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import type { Union } from '../../shared/domain/union'
import { ApplicationRecord, type MemberProfileRecord, type MembershipKind, type MembershipRecord } from '../../shared/membership/records'
import { maskName, maskPhone } from '../../shared/privacy/mask'
import { requestStatusLabel } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { submitRequestDetailed } from '../requests/engine'
import { txGet, txSet, txUpdate } from '../requests/tx'
import { APPLICATIONS, readCurrentStint, readProfile } from './kinds/common'
import { idNeedsCheck } from './idClaims'
import { PROFILES } from './profiles'

/**
 * The id of a person's next membership request: the same applicant, kind, union and attempt give
 * the same id, so a double tap finds the request the first tap made instead of making a second.
 * `requestSeq` grows when a request closes, so applying again after a rejection is a new request.
 */
export function membershipRequestId(kind: MembershipKind, openid: string, unionId: string, seq: number): string {
  const prefix = kind === 'membership.join' ? 'mj' : 'mt'
  return prefix + createHash('sha256').update(`${kind}|${openid}|${unionId}|${seq}`).digest('hex').slice(0, 30)
}

/** One open membership request per person: the engine's exclusive lock. */
export const exclusiveKeyOf = (openid: string) => `membership:${openid}`

/** Only whether the union was dissolved (server/union/dissolve.ts marks it; its id still works for anyone who kept it). */
const Dissolved = z.object({ dissolvedAt: z.date().nullable().default(null) })

export interface MembershipSubmission {
  kind: MembershipKind
  profile: MemberProfileRecord
  union: Union
  employer: string
  job: string
  reason: string
  /** transfers: the stint being moved */
  from: MembershipRecord | null
}

export interface SubmitOutcome {
  requestId: string
  unionName: string
  status: string
  alreadySubmitted: boolean
}

/**
 * Submits a join or transfer: the request (through the engine), its application document and the
 * profile's pointer to it, all in one transaction with the reviewers' messages.
 */
export async function submitMembershipRequest(ctx: Ctx, s: MembershipSubmission): Promise<SubmitOutcome> {
  const { profile, union } = s
  if (!profile.idNumber || !profile.phone) throw new AppError('INVALID_INPUT', '请先完善个人信息')
  const requestId = membershipRequestId(s.kind, profile.openid, union._id, profile.requestSeq)
  const application: ApplicationRecord = {
    _id: `app-${requestId}`,
    kind: s.kind,
    openid: profile.openid,
    requestId,
    unionId: union._id,
    unionName: union.name,
    fromMembershipId: s.from?._id ?? null,
    fromUnionId: s.from?.unionId ?? null,
    fromUnionName: s.from?.unionName ?? null,
    memberNo: s.from?.memberNo ?? null,
    name: profile.name,
    idNumber: profile.idNumber,
    phoneMasked: maskPhone(profile.phone),
    gender: profile.gender,
    workerType: profile.workerType,
    migrant: profile.migrant,
    employer: s.employer,
    job: s.job,
    reason: s.reason,
    createdAt: ctx.now,
  }
  const isJoin = s.kind === 'membership.join'
  const { request, created } = await submitRequestDetailed(
    ctx,
    {
      kind: s.kind,
      unionId: union._id,
      summary: {
        title: isJoin ? `${maskName(profile.name)}申请入会` : `${maskName(profile.name)}申请转入`,
        subtitle: [s.employer, s.job].filter(Boolean).join(' · ').slice(0, 60),
      },
      subjectRef: { collection: APPLICATIONS, id: application._id },
      applicantName: profile.name,
      requestId,
      exclusiveKey: exclusiveKeyOf(profile.openid),
      exclusiveMessage: '您已有一份入会或转会申请正在办理中，请等待处理结果后再提交',
    },
    {
      inTransaction: async (tx) => {
        // read in the transaction: a dissolution committing meanwhile conflicts with it instead of slipping past
        const target = Dissolved.parse((await txGet(tx, 'unions', union._id)) ?? {})
        if (target.dissolvedAt) throw new AppError('INVALID_INPUT', `${union.name}已经注销，不再接收入会和转入申请，请选择您现在单位的工会或所在街道的工会`, { [isJoin ? 'unionId' : 'toUnionId']: `${union.name}已经注销` })
        const fresh = await readProfile(tx, profile.openid)
        if (fresh.requestSeq !== profile.requestSeq) throw new AppError('CONFLICT', '您的申请状态刚刚有了变化，请刷新后再试')
        const current = await readCurrentStint(tx, fresh)
        if (isJoin && current) throw new AppError('CONFLICT', `您已经是${current.unionName}的会员，不能重复入会；换了工作单位请办理转会`)
        if (!isJoin && current?._id !== s.from?._id) throw new AppError('CONFLICT', '您的会籍刚刚有了变化，请刷新后再试')
        const { _id, ...doc } = application
        // another account uses this number too: the union checks the ID card before approving (reviewers only see why)
        await txSet(tx, APPLICATIONS, _id, { ...doc, idCheck: await idNeedsCheck(tx, application.idNumber.hash, fresh) })
        await txUpdate(tx, PROFILES, fresh._id, {
          openRequest: { requestId, applicationId: _id, kind: s.kind, unionId: union._id, at: ctx.now },
          updatedAt: ctx.now,
        })
      },
    },
  )
  return { requestId: request._id, unionName: union.name, status: requestStatusLabel[request.status], alreadySubmitted: !created }
}
