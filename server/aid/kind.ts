import { AppError } from '../../shared/contract'
import { SchemeCode, hardshipLevelLabel, schemeLabel } from '../../shared/aid/config'
import { schoolStageLabel } from '../../shared/aid/household'
import { formatYuan } from '../../shared/aid/money'
import { ApplicationDoc, AssessmentFigures, ObjectionDoc } from '../../shared/aid/records'
import { formatDate } from '../../shared/date'
import type { DescribedField, RequestDoc } from '../../shared/requests/schemas'
import { isPending } from '../../shared/requests/state'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { registerKind, type DescribeViewer, type RequestKind } from '../requests/registry'
import { AID, HARDSHIP_KIND, SCHOOL_KIND, applicationPage } from './collections'
import { loadConfigFor, requireScheme, resolveChain } from './config'
import { grantApproval, readApplication, readApplicationOnce, reserveFund, revokeApproval } from './approval'
import { objectionText, openJson, openText } from './sealed'
import { deliver, tellAidProgress } from './messages'

/**
 * The aid request kinds: 金秋助学 and the hardship schemes (生活救助, 医疗救助, 送温暖; the scheme is
 * the chain variant). Approval lands in 公示 (publicized), then 已发放 (disbursed); an objection
 * during 公示 reopens the last desk (publicized → in_review).
 */

async function describeApplication(request: RequestDoc, ctx: Ctx, viewer: DescribeViewer = { reviewer: false }): Promise<DescribedField[]> {
  const app = await findById(ctx.db.collection(AID.applications), request.subjectRef.id, ApplicationDoc)
  if (!app) return [{ label: '申请内容', value: '（申请内容已不存在）' }]
  const fields: DescribedField[] = [
    { label: '申请项目', value: schemeLabel[app.scheme] },
    { label: '申请人', value: app.applicant.name.masked, sensitive: 'name', revealKey: 'applicant.name' },
    { label: '身份证号', value: app.applicant.idNumber.masked, sensitive: 'idNumber', revealKey: 'applicant.idNumber' },
    { label: '联系电话', value: app.applicant.phone.masked, sensitive: 'phone', revealKey: 'applicant.phone' },
    { label: '工作单位', value: app.unitName },
  ]
  if (app.filedByOpenid !== app.applicantOpenid) fields.push({ label: '代办', value: '由工会干部代为申请（职工本人已同意）' })
  // opened here for the request's own reviewers and its applicant (review.getRequest checks who asks)
  const figures = openJson(app.assessment.figures, AssessmentFigures)
  fields.push(
    { label: '家庭人口', value: `${figures.size}人` },
    { label: '人均月收入', value: `${formatYuan(Math.max(0, figures.perCapitaMonthlyFen))}（低保${formatYuan(app.assessment.dibaoFen)}）` },
    { label: '困难类别', value: app.assessment.level ? hardshipLevelLabel[app.assessment.level] : '按收入不属于困难家庭' },
    { label: '困难职工档案', value: app.assessment.onFile ? '已建档' : '未建档' },
  )
  if (app.child) {
    fields.push(
      { label: '孩子姓名', value: app.child.name.masked, sensitive: 'name', revealKey: 'child.name' },
      { label: '孩子身份证号', value: app.child.idNumber.masked, sensitive: 'idNumber', revealKey: 'child.idNumber' },
      { label: '就读学校', value: openText(app.child.school) },
      { label: '学段', value: `${schoolStageLabel[app.child.stage]}${app.child.isNewStudent ? '（新生）' : ''}` },
    )
    if (app.child.under14) fields.push({ label: '未满14周岁', value: '监护人已单独同意' })
  }
  if (app.diagnosis) fields.push({ label: '病情诊断', value: app.diagnosis.masked, sensitive: 'diagnosis', revealKey: 'diagnosis' })
  if (app.selfPaidMedicalFen !== null) fields.push({ label: '自付医疗费用', value: formatYuan(Number(openText(app.selfPaidMedicalFen))) })
  const statement = openText(app.statement)
  if (statement) fields.push({ label: '情况说明', value: statement })
  fields.push(
    { label: '申请金额', value: `${formatYuan(app.amountFen)}：${app.amountLines.join('')}` },
    { label: '材料', value: app.documents.length ? `已上传${app.documents.length}份，请在“帮扶申请详情”页查看` : '未上传' },
    {
      label: '入户调查',
      value: app.homeVisit ? `${app.homeVisit.visitedOn} ${app.homeVisit.byName}：${openText(app.homeVisit.note)}` : app.homeVisitSteps.length ? '尚未填写（初审通过前必须填写）' : '不需要',
    },
    { label: '开户银行', value: app.applicant.bankName },
    { label: '银行卡号', value: app.applicant.bankCard.masked, sensitive: 'bankCard', revealKey: 'applicant.bankCard' },
  )
  if (app.notice) fields.push({ label: '公示', value: `${formatDate(app.notice.startsAt)}至${formatDate(app.notice.endsAt)}` })
  // objection texts are for reviewers only (aid.getApplication hides them from the applicant too)
  if (viewer.reviewer && app.objectionIds.length) {
    const _ = ctx.db.command
    const objections = await findMany(ctx.db.collection(AID.objections).where({ _id: _.in(app.objectionIds.slice(-20)) }), ObjectionDoc, 20)
    for (const o of objections) fields.push({ label: o.status === 'open' ? '公示异议（待复核）' : '公示异议', value: objectionText(o) })
  }
  return fields
}

/** The desk that just approved: the one before the current, or the last when approval was final. */
const approvedDesk = (after: RequestDoc): number => (isPending(after.status) ? after.step - 1 : after.step)

/**
 * Messages written inside a transition's transaction, pushed after it commits. The engine hands the
 * same request object to onTransition and, after the commit, to afterTransition, so it is the key.
 */
const toDeliver = new WeakMap<RequestDoc, string[]>()

function aidKind(kind: string, label: string, schemeOfVariant: (variant?: string) => SchemeCode): RequestKind {
  return registerKind({
    kind,
    label,
    async chain(target, ctx, variant) {
      const config = await loadConfigFor(ctx.db, target)
      return (await resolveChain(ctx.db, target, requireScheme(config, schemeOfVariant(variant)))).steps
    },
    describe: describeApplication,
    flow: {
      approvedStatus: 'publicized',
      edges: [
        { from: 'publicized', to: 'disbursed' },
        { from: 'publicized', to: 'in_review' },
      ],
    },
    // each aid case needs its own look (documents, home visit): never in a batch
    batchApprove: false,
    applicantPage: (request) => applicationPage(request.subjectRef.id),
    // the final approval takes the fund's share before its transaction (see reserveFund)
    async beforeMove(request, event, ctx) {
      if (event.type !== 'approve' || request.step !== request.chain.length - 1) return
      const app = await findById(ctx.db.collection(AID.applications), request.subjectRef.id, ApplicationDoc)
      if (!app || app.fundCommitted) return
      return reserveFund(ctx, app)
    },
    async afterTransition(request, ctx) {
      const ids = toDeliver.get(request)
      if (ids) await deliver(ctx, ids)
    },
    onApproved: grantApproval,
    async onRejected(tx, request, ctx) {
      const app = await readApplication(tx, request.subjectRef.id)
      await revokeApproval(tx, app, ctx, app.fundCommitted ? '公示异议经复核成立' : '审批未通过', 'closed')
    },
    async onTransition(tx, request, change, ctx) {
      const { event } = change
      if (event.type === 'approve') {
        const app = await readApplicationOnce(tx, request.subjectRef.id)
        const desk = approvedDesk(request)
        if (app.homeVisitSteps.includes(desk) && app.homeVisit === null) {
          throw new AppError('INVALID_INPUT', '请先在帮扶申请详情页填写入户调查情况，再审核通过', { homeVisit: '请先填写入户调查情况' })
        }
        // the engine tells the applicant only the end; aid tells every desk's step (inbox always, a push where the balance allows)
        if (isPending(request.status) && change.from !== 'publicized') {
          const passed = request.chain[desk]?.label ?? '初审'
          const next = request.chain[request.step]
          const outboxId = await tellAidProgress(tx, {
            toOpenid: request.applicantOpenid,
            scheme: app.scheme,
            status: '审批中',
            remark: `${passed}已通过`,
            body: `您的${schemeLabel[app.scheme]}申请已通过${passed}，已转${next?.unionName ?? '上级工会'}${next?.label ?? '审批'}。`,
            applicationId: app._id,
            requestId: request._id,
            at: ctx.now,
          })
          toDeliver.set(request, [outboxId])
        }
      }
      if (event.type === 'return' || event.type === 'withdraw') {
        const app = await readApplication(tx, request.subjectRef.id)
        if (app.fundCommitted) await revokeApproval(tx, app, ctx, event.type === 'return' ? '退回申请人修改' : '申请人撤回', event.type === 'return' ? 'review' : 'closed')
        else if (event.type === 'withdraw') await revokeApproval(tx, app, ctx, '申请人撤回了申请', 'closed')
      }
    },
  })
}

export const schoolAidKind = aidKind(SCHOOL_KIND, '金秋助学申请', () => 'school')
export const hardshipKind = aidKind(HARDSHIP_KIND, '困难帮扶申请', (variant) => {
  const code = SchemeCode.safeParse(variant)
  if (!code.success || code.data === 'school') throw new Error(`aid.hardship needs a hardship scheme as variant, got ${String(variant)}`)
  return code.data
})
