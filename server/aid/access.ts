import { AppError } from '../../shared/contract'
import { ApplicationDoc } from '../../shared/aid/records'
import { canActAtStep, isReviewerOf, type ReviewerGrant } from '../../shared/requests/access'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { findById } from '../db'
import { loadRequest } from '../requests/engine'
import { loadReviewerGrants } from '../requests/people'
import { AID } from './collections'

export interface ApplicationAccess {
  app: ApplicationDoc
  request: RequestDoc
  grants: ReviewerGrant[]
  /** the worker, or the cadre who filed it for them */
  isApplicant: boolean
  /** may act at some desk of its chain */
  isReviewer: boolean
}

/** An application for its applicant (or the cadre who filed it) and its reviewers; everyone else is refused. */
export async function openApplication(ctx: Ctx, applicationId: string): Promise<ApplicationAccess> {
  const app = await findById(ctx.db.collection(AID.applications), applicationId, ApplicationDoc)
  if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const request = await loadRequest(ctx, app.requestId)
  const grants = await loadReviewerGrants(ctx)
  const isApplicant = app.applicantOpenid === ctx.openid || app.filedByOpenid === ctx.openid
  const isReviewer = isReviewerOf(grants, request)
  if (!isApplicant && !isReviewer) throw new AppError('FORBIDDEN', '只有申请人和审批这份申请的工会干部可以查看')
  return { app, request, grants, isApplicant, isReviewer }
}

/** May the caller act for the last desk (复核异议, 发放)? */
export const actsAtLastDesk = (grants: readonly ReviewerGrant[], request: RequestDoc): boolean =>
  canActAtStep(grants, request.chain[request.chain.length - 1], request.kind)
