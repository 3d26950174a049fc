import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { actsAtLastDesk, openApplication } from '../../../../server/aid/access'
import { AID } from '../../../../server/aid/collections'
import { loadConfigFor } from '../../../../server/aid/config'
import { aidStatusOf } from '../../../../server/aid/views'
import { objectionText, openText } from '../../../../server/aid/sealed'
import { HISTORY } from '../../../../server/requests/engine'
import type { aidActions } from '../../../../shared/aid/actions'
import { aidStatusLabel } from '../../../../shared/aid/api'
import { hardshipLevelLabel, schemeLabel } from '../../../../shared/aid/config'
import { schoolStageLabel } from '../../../../shared/aid/household'
import { ObjectionDoc } from '../../../../shared/aid/records'
import { canActAtStep } from '../../../../shared/requests/access'
import { HistoryDoc, historyActionLabel } from '../../../../shared/requests/schemas'
import { isPending } from '../../../../shared/requests/state'
import { chainProgress } from '../../../../shared/requests/views'

const DESK_DECISIONS = new Set(['approve', 'reject', 'return'])

/**
 * 申请详情 for its applicant and its reviewers: every value masked, the status timeline (each desk's
 * decision and the aid steps after it), the documents' names, and what the caller may do next.
 */
export const getApplication: Handler<typeof aidActions.getApplication> = async ({ applicationId }, ctx) => {
  const { app, request, grants, isApplicant, isReviewer } = await openApplication(ctx, applicationId)
  const _ = ctx.db.command
  const [history, config, objections] = await Promise.all([
    findMany(ctx.db.collection(HISTORY).where({ requestId: request._id }).orderBy('at', 'asc'), HistoryDoc, 100),
    loadConfigFor(ctx.db, { path: app.unionPath }),
    isReviewer && app.objectionIds.length
      ? findMany(ctx.db.collection(AID.objections).where({ _id: _.in(app.objectionIds.slice(-20)) }), ObjectionDoc, 20)
      : Promise.resolve([]),
  ])
  const checklist = config.schemes.find((s) => s.code === app.scheme)?.documents ?? []
  const timeline = [
    ...history.map((h) => ({
      at: h.at,
      // 异议 lines name no one: the objector stays anonymous to the applicant
      title:
        h.action === 'advance'
          ? h.note || historyActionLabel.advance
          : DESK_DECISIONS.has(h.action)
            ? `${request.chain[h.step]?.label ?? ''} ${historyActionLabel[h.action]}`.trim()
            : historyActionLabel[h.action],
      note: h.action === 'advance' ? '' : [h.actorName, h.reason].filter(Boolean).join('：'),
    })),
    ...app.events.map((e) => ({ at: e.at, title: e.text, note: '' })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  const status = aidStatusOf(app, request.status)
  const desk = request.chain[request.step]
  return {
    id: app._id,
    requestId: request._id,
    version: request.version,
    scheme: app.scheme,
    schemeLabel: schemeLabel[app.scheme],
    status,
    statusLabel: aidStatusLabel[status],
    unionName: app.unionName,
    year: app.year,
    amountFen: app.amountFen,
    amountLines: app.amountLines,
    level: app.assessment.level,
    levelLabel: app.assessment.level ? hardshipLevelLabel[app.assessment.level] : '已建档家庭',
    applicant: {
      name: app.applicant.name.masked,
      idNumber: app.applicant.idNumber.masked,
      phone: app.applicant.phone.masked,
      bankName: app.applicant.bankName,
      bankCard: app.applicant.bankCard.masked,
    },
    child: app.child
      ? {
          name: app.child.name.masked,
          idNumber: app.child.idNumber.masked,
          school: openText(app.child.school),
          stage: app.child.stage,
          stageLabel: schoolStageLabel[app.child.stage],
          under14: app.child.under14,
          isNewStudent: app.child.isNewStudent,
        }
      : null,
    statement: openText(app.statement),
    hasDiagnosis: app.diagnosis !== null,
    selfPaidMedicalFen: app.selfPaidMedicalFen ? Number(openText(app.selfPaidMedicalFen)) : null,
    documents: app.documents.map((d) => {
      const item = checklist.find((c) => c.code === d.code)
      return { code: d.code, label: item?.label ?? d.code, fileId: d.fileId, required: item?.required ?? false }
    }),
    homeVisit: app.homeVisit ? { note: openText(app.homeVisit.note), visitedOn: app.homeVisit.visitedOn, byName: app.homeVisit.byName } : null,
    chain: chainProgress(request),
    timeline,
    notice: app.notice,
    paidAt: app.paidAt,
    lastReason: request.lastReason,
    objections: objections.map((o) => ({ id: o._id, text: objectionText(o), at: o.at, status: o.status === 'open' ? '待复核' : o.status === 'upheld' ? '异议成立' : '异议不成立' })),
    viewer: {
      isApplicant,
      isReviewer,
      canResubmit: isApplicant && request.status === 'returned',
      canRecordHomeVisit: isPending(request.status) && app.homeVisitSteps.includes(request.step) && desk !== undefined && canActAtStep(grants, desk),
      canPay: app.stage === 'awaiting_payment' && actsAtLastDesk(grants, request),
      canFileHousehold: app.fundCommitted && app.assessment.level !== null && !app.assessment.onFile && actsAtLastDesk(grants, request),
    },
  }
}
