import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { ResubmitApplicationInput, type SubmitApplication } from '../../shared/aid/api'
import { quoteAmount } from '../../shared/aid/amounts'
import { schemeLabel, type SchemeCode, type SchemeConfig } from '../../shared/aid/config'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { profileNeedsReconfirm } from '../../shared/aid/files'
import { educationLevelOf, type SchoolStage } from '../../shared/aid/household'
import { grantKeys, schoolExclusionProblem } from '../../shared/aid/limits'
import { noticeName } from '../../shared/aid/notice'
import { ApplicationDoc, UploadDoc, type HouseholdDoc, type StoredDocument } from '../../shared/aid/records'
import { aidYear, windowState } from '../../shared/aid/window'
import type { Union } from '../../shared/domain/union'
import { isUnder14 } from '../../shared/privacy/idNumber'
import type { SealedField } from '../../shared/privacy/sealed'
import type { RequestDoc } from '../../shared/requests/schemas'
import type { Ctx } from '../context'
import { findById, findMany, withoutId } from '../db'
import { keyedHash, requireConsent, sealSensitive } from '../privacy'
import { loadRequest, resubmitRequest, submitRequestDetailed } from '../requests/engine'
import { evaluateHousehold, loadHousehold } from './assess'
import { AID, HARDSHIP_KIND, SCHOOL_KIND, fundIdOf } from './collections'
import { loadConfigFor, loadUnion, requireScheme, resolveChain } from './config'
import { memberUnionIds, resolveSubject, type Subject } from './subject'

const refuse = (field: string, message: string): AppError => new AppError('INVALID_INPUT', message, { [field]: message })

/** The plain values of an application (new), or the plain values that changed (correction). */
interface Plain {
  applicant: { name?: string; idNumber?: string; phone?: string; bankName: string; bankCard?: string }
  child?: { name?: string; idNumber?: string; school: string; stage: SchoolStage; isNewStudent: boolean; specialFunded: boolean; otherFunding: boolean }
  statement: string
  diagnosis?: string
  selfPaidMedicalFen?: number
  documents: Array<{ code: string; fileId: string }>
}

const seal = (plain: string | undefined, kept: SealedField | undefined, mask: Parameters<typeof sealSensitive>[1], field: string): SealedField => {
  if (plain !== undefined) return sealSensitive(plain, mask)
  if (kept) return kept
  throw refuse(field, '请填写这一项')
}

/** The applicant block of the person's latest application: its sealed ID, phone and card are used again when a new one leaves them out. */
export async function savedApplicant(ctx: Ctx, openid: string): Promise<ApplicationDoc['applicant'] | null> {
  const query = ctx.db.collection(AID.applications).where({ applicantOpenid: openid }).orderBy('createdAt', 'desc')
  const [latest] = await findMany(query, ApplicationDoc, 1)
  return latest?.applicant ?? null
}

/** Who may apply to which union: a member of a grassroots union applies there (帮扶对象是会员). */
async function targetUnion(ctx: Ctx, subject: Subject, unionId: string | undefined): Promise<Union> {
  const memberOf = memberUnionIds(subject.grants)
  const chosen = unionId ?? memberOf[0]
  if (!chosen) throw new AppError('FORBIDDEN', '帮扶对象是工会会员，请先加入您单位的工会，再申请帮扶')
  const union = await loadUnion(ctx.db, chosen)
  if (union.level !== 'grassroots') throw refuse('unionId', '帮扶申请请向您单位的基层工会提交')
  if (!memberOf.includes(union._id)) throw new AppError('FORBIDDEN', `您不是${union.name}的会员，请向您所在单位的工会申请`)
  return union
}

/** Documents: only the scheme's checklist, every required one present, every file uploaded by or for this worker. */
async function checkDocuments(ctx: Ctx, subject: Subject, scheme: SchemeConfig, docs: Plain['documents'], kept: readonly StoredDocument[]): Promise<StoredDocument[]> {
  for (const [i, d] of docs.entries()) {
    if (!scheme.documents.some((item) => item.code === d.code)) throw refuse(`documents.${i}.code`, `“${schemeLabel[scheme.code]}”的材料清单里没有这一项`)
  }
  for (const item of scheme.documents) {
    if (item.required && !docs.some((d) => d.code === item.code)) throw refuse(`documents.${item.code}`, `请上传${item.label}`)
  }
  const fileIds = [...new Set(docs.map((d) => d.fileId))]
  const keptIds = new Set(kept.map((d) => d.fileId))
  const fresh = fileIds.filter((id) => !keptIds.has(id))
  if (fresh.length) {
    const _ = ctx.db.command
    const uploads = await findMany(ctx.db.collection(AID.uploads).where({ fileId: _.in(fresh), forOpenid: subject.openid, status: 'done' }), UploadDoc, 20)
    if (uploads.length !== fresh.length) throw refuse('documents', '有材料没有上传成功，请重新上传')
  }
  return docs.map((d) => ({ code: d.code, fileId: d.fileId, uploadedAt: kept.find((k) => k.fileId === d.fileId)?.uploadedAt ?? ctx.now }))
}

interface Prepared {
  union: Union
  scheme: SchemeConfig
  doc: Omit<ApplicationDoc, '_id' | 'draftId' | 'requestId' | 'events' | 'createdAt'>
  exclusiveKey: string
  household: HouseholdDoc
}

/**
 * Everything checked before anything is stored: membership, window, household profile, consents,
 * documents, eligibility, limits and the amount. A refusal names the field and says why.
 */
async function prepare(
  ctx: Ctx,
  subject: Subject,
  code: SchemeCode,
  unionId: string | undefined,
  plain: Plain,
  earlier: ApplicationDoc | null,
  saved: ApplicationDoc['applicant'] | null = null,
): Promise<Prepared> {
  const union = earlier ? await loadUnion(ctx.db, earlier.unionId) : await targetUnion(ctx, subject, unionId)
  const config = await loadConfigFor(ctx.db, union)
  const scheme = requireScheme(config, code)
  const win = windowState(scheme.window, ctx.now, schemeLabel[code])
  if (win.problem && !earlier) throw refuse('scheme', win.problem)
  const year = earlier?.year ?? aidYear(scheme.window, ctx.now)

  const household = await loadHousehold(ctx.db, subject.openid)
  if (!household) throw refuse('household', '请先填写家庭情况，再提交申请')
  if (profileNeedsReconfirm(household.confirmedAt, ctx.now)) throw refuse('household', '家庭情况已经填写超过一年，请核对确认后再申请')
  await requireConsent(ctx, 'sensitive_aid', { openid: subject.openid, version: AID_CONSENT_VERSION })

  const applicant = {
    name: seal(plain.applicant.name, earlier?.applicant.name, 'name', 'applicant.name'),
    idNumber: seal(plain.applicant.idNumber, earlier?.applicant.idNumber ?? saved?.idNumber, 'idNumber', 'applicant.idNumber'),
    phone: seal(plain.applicant.phone, earlier?.applicant.phone ?? saved?.phone, 'phone', 'applicant.phone'),
    bankName: plain.applicant.bankName,
    bankCard: seal(plain.applicant.bankCard, earlier?.applicant.bankCard ?? saved?.bankCard, 'bankCard', 'applicant.bankCard'),
  }
  const householdKey = applicant.idNumber.hash
  if (earlier && householdKey !== earlier.householdKey) throw refuse('applicant.idNumber', '申请人身份证号不能修改；如填错了，请撤回这份申请后重新申请')

  let child: ApplicationDoc['child'] = null
  let childKey: string | null = null
  if (code === 'school') {
    const c = plain.child
    if (!c) throw refuse('child', '请填写孩子的信息')
    const excluded = schoolExclusionProblem(c)
    if (excluded) throw refuse(c.specialFunded ? 'child.specialFunded' : 'child.otherFunding', excluded)
    const idNumber = seal(c.idNumber, earlier?.child?.idNumber, 'idNumber', 'child.idNumber')
    childKey = idNumber.hash
    if (earlier && childKey !== earlier.childKey) throw refuse('child.idNumber', '孩子的身份证号不能修改；为另一个孩子申请，请撤回后重新申请')
    const under14 = c.idNumber !== undefined ? isUnder14(c.idNumber, ctx.now) : (earlier?.child?.under14 ?? false)
    if (under14) await requireConsent(ctx, 'guardian_minor', { openid: subject.openid, version: AID_CONSENT_VERSION })
    child = { name: seal(c.name, earlier?.child?.name, 'name', 'child.name'), idNumber, school: c.school, stage: c.stage, under14, isNewStudent: c.isNewStudent }
    const taken = await findById(ctx.db.collection(AID.grants), grantKeys(scheme, year, householdKey, childKey)[0], z.object({ applicationId: z.string() }))
    if (taken && taken.applicationId !== earlier?._id) throw refuse('child.idNumber', `这个孩子${year}年已经获得过金秋助学资助，每个孩子每年只能资助一次。`)
  }

  // a returned application was filed in time: correcting it after the window closed is allowed
  const evaluation = await evaluateHousehold(ctx, subject, union, household.profile, householdKey, { ignoreWindow: earlier !== null })
  const verdict = evaluation.verdicts.find((v) => v.code === code)
  if (!verdict) throw new AppError('NOT_FOUND', '这个帮扶项目目前没有开放')
  if (!verdict.eligible) throw refuse('scheme', verdict.reasons[0] ?? `暂不符合${schemeLabel[code]}条件`)

  const quote = quoteAmount(scheme, {
    level: verdict.level,
    onFile: evaluation.onFile,
    educationLevel: child ? educationLevelOf(child.stage) : null,
    selfPaidMedicalFen: plain.selfPaidMedicalFen ?? earlier?.selfPaidMedicalFen ?? undefined,
    dibaoFen: evaluation.dibao.monthlyFen,
    alreadyThisYearFen: 0,
  })
  if (!quote.ok) throw refuse('scheme', quote.problem)

  const documents = await checkDocuments(ctx, subject, scheme, plain.documents, earlier?.documents ?? [])
  const chain = await resolveChain(ctx.db, union, scheme)
  const keys = grantKeys(scheme, year, householdKey, childKey)
  const name = plain.applicant.name
  const diagnosis = code === 'medical' ? seal(plain.diagnosis, earlier?.diagnosis ?? undefined, () => '已填写（审核人可查看）', 'diagnosis') : null
  return {
    union,
    scheme,
    household,
    exclusiveKey: `aid-${keys[keys.length - 1]}`,
    doc: {
      scheme: code,
      year,
      federationId: evaluation.config.federationId,
      fundId: fundIdOf(evaluation.config.federationId, year),
      unionId: union._id,
      unionPath: union.path,
      unionName: union.name,
      applicantOpenid: subject.openid,
      filedByOpenid: earlier?.filedByOpenid ?? ctx.openid,
      proxyId: subject.proxy?._id ?? earlier?.proxyId ?? null,
      householdKey,
      publicName: name !== undefined ? noticeName(name) : (earlier?.publicName ?? '*'),
      unitName: union.employer || union.name,
      childKey,
      applicant,
      child,
      statement: plain.statement,
      diagnosis,
      selfPaidMedicalFen: code === 'medical' ? (plain.selfPaidMedicalFen ?? earlier?.selfPaidMedicalFen ?? null) : null,
      assessment: {
        level: verdict.level,
        onFile: evaluation.onFile,
        size: evaluation.assessment.figures.size,
        perCapitaMonthlyFen: evaluation.assessment.figures.perCapitaMonthlyFen,
        dibaoFen: evaluation.dibao.monthlyFen,
      },
      amountFen: quote.amountFen,
      amountLines: quote.lines,
      documents,
      homeVisit: earlier?.homeVisit ?? null,
      homeVisitSteps: chain.homeVisitSteps,
      stage: 'review',
      grantKeys: [],
      fundCommitted: false,
      notice: null,
      approvedAt: null,
      approvedBy: '',
      paidAt: null,
      paymentRef: '',
      objectionIds: earlier?.objectionIds ?? [],
      purgedAt: null,
      updatedAt: ctx.now,
    },
  }
}

/** The context the engine sees: the worker is the applicant, also when a cadre files for them (代办). */
const asApplicant = (ctx: Ctx, subject: Subject): Ctx => (subject.openid === ctx.openid ? ctx : { ...ctx, openid: subject.openid, grants: subject.grants })

const summaryOf = (doc: Prepared['doc']) => ({
  title: doc.child ? `${schemeLabel[doc.scheme]}（${educationLevelOf(doc.child.stage) === 'college' ? '大学' : '高中'}）` : schemeLabel[doc.scheme],
  subtitle: doc.unionName,
})

/** 提交: one application, one request, one transaction; the same draft submitted twice files once. */
export async function submitApplication(ctx: Ctx, input: SubmitApplication): Promise<{ app: ApplicationDoc; request: RequestDoc }> {
  const subject = await resolveSubject(ctx, input.proxyId)
  const plain: Plain = {
    applicant: input.applicant,
    child: input.scheme === 'school' ? input.child : undefined,
    statement: input.statement,
    diagnosis: input.scheme === 'medical' ? input.diagnosis : undefined,
    selfPaidMedicalFen: input.scheme === 'medical' ? input.selfPaidMedicalFen : undefined,
    documents: input.documents,
  }
  const appId = 'a' + keyedHash(`${ctx.openid}:${input.draftId}`).slice(0, 31)
  const existing = await findById(ctx.db.collection(AID.applications), appId, ApplicationDoc)
  if (existing) return { app: existing, request: await loadRequest(ctx, existing.requestId) }

  const prepared = await prepare(ctx, subject, input.scheme, input.unionId, plain, null, await savedApplicant(ctx, subject.openid))
  const byProxy = subject.openid !== ctx.openid
  const app: ApplicationDoc = {
    ...prepared.doc,
    _id: appId,
    draftId: input.draftId,
    requestId: appId,
    events: byProxy ? [{ at: ctx.now, text: '工会干部代为提交申请（职工本人已同意代办）' }] : [],
    createdAt: ctx.now,
  }
  const { request } = await submitRequestDetailed(
    asApplicant(ctx, subject),
    {
      kind: input.scheme === 'school' ? SCHOOL_KIND : HARDSHIP_KIND,
      unionId: prepared.union._id,
      summary: summaryOf(prepared.doc),
      subjectRef: { collection: AID.applications, id: appId },
      applicantName: input.applicant.name,
      chainVariant: input.scheme,
      requestId: appId,
      // the cadre who files under 代办 may not review it (separation of duties)
      filedBy: ctx.openid,
      exclusiveKey: prepared.exclusiveKey,
      exclusiveMessage:
        input.scheme === 'school'
          ? '这个孩子今年的金秋助学申请正在办理中，请不要重复提交'
          : `您家今年已有一份${schemeLabel[input.scheme]}或同类救助的申请正在办理中，请等办结后再申请`,
    },
    {
      inTransaction: async (tx) => {
        await tx.collection(AID.applications).doc(appId).set({ data: withoutId(app) })
        if (prepared.household.householdKey !== app.householdKey) {
          await tx.collection(AID.households).doc(subject.openid).update({ data: { householdKey: app.householdKey } })
        }
      },
    },
  )
  return { app, request }
}

/** 修改后重新提交: the corrections and the engine's resubmit in one transaction. */
export async function resubmitApplication(ctx: Ctx, input: z.output<typeof ResubmitApplicationInput>): Promise<{ app: ApplicationDoc; request: RequestDoc }> {
  const earlier = await findById(ctx.db.collection(AID.applications), input.applicationId, ApplicationDoc)
  if (!earlier || (earlier.applicantOpenid !== ctx.openid && earlier.filedByOpenid !== ctx.openid)) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const subject = await resolveSubject(ctx, earlier.applicantOpenid === ctx.openid ? undefined : (earlier.proxyId ?? undefined))
  const request = await loadRequest(ctx, earlier.requestId)
  if (request.status !== 'returned') throw new AppError('CONFLICT', '只有被退回的申请可以修改后重新提交')
  const plain: Plain = {
    applicant: input.applicant,
    child: earlier.child
      ? {
          name: input.child?.name,
          idNumber: input.child?.idNumber,
          school: input.child?.school ?? earlier.child.school,
          stage: input.child?.stage ?? earlier.child.stage,
          isNewStudent: input.child?.isNewStudent ?? earlier.child.isNewStudent,
          specialFunded: input.child?.specialFunded ?? false,
          otherFunding: input.child?.otherFunding ?? false,
        }
      : undefined,
    statement: input.statement ?? earlier.statement,
    diagnosis: input.diagnosis,
    selfPaidMedicalFen: input.selfPaidMedicalFen,
    documents: input.documents,
  }
  const prepared = await prepare(ctx, subject, earlier.scheme, undefined, plain, earlier)
  const app: ApplicationDoc = {
    ...earlier,
    ...prepared.doc,
    events: earlier.events,
  }
  const moved = await resubmitRequest(
    asApplicant(ctx, subject),
    { requestId: request._id, expectedVersion: input.expectedVersion },
    {
      inTransaction: async (tx) => {
        await tx.collection(AID.applications).doc(app._id).set({ data: withoutId(app) })
      },
    },
  )
  // a replaced photo is no longer part of any application: delete it (best effort; the application is saved)
  const replaced = earlier.documents.map((d) => d.fileId).filter((id) => !app.documents.some((d) => d.fileId === id))
  if (replaced.length) {
    try {
      await ctx.cloud.deleteFile({ fileList: replaced })
    } catch (err) {
      console.error('[aid] deleting replaced documents failed', err)
    }
  }
  return { app, request: moved }
}
