import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { ResubmitApplicationInput, type SubmitApplication } from '../../shared/aid/api'
import { quoteAmount } from '../../shared/aid/amounts'
import { schemeLabel, type SchemeCode, type SchemeConfig } from '../../shared/aid/config'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { profileNeedsReconfirm } from '../../shared/aid/files'
import { educationLevelOf, schoolStageLabel, type SchoolStage } from '../../shared/aid/household'
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
import { hasConsent, keyedHash, openSensitive, requireConsent, sealSensitive } from '../privacy'
import { loadProfile } from '../membership/profiles'
import { loadRequest, resubmitRequest, submitRequestDetailed } from '../requests/engine'
import { txUpdate, type Transaction } from '../requests/tx'
import { evaluateHousehold, loadHousehold } from './assess'
import { AID, HARDSHIP_KIND, SCHOOL_KIND, fundIdOf } from './collections'
import { SAME_FAMILY_MESSAGE, familyHouseholdOf } from './family'
import { incomeBracket, openText, sealJson, sealText } from './sealed'
import { loadConfigFor, loadUnion, requireScheme, resolveChain } from './config'
import { memberUnionIds, resolveSubject, type Subject } from './subject'

const refuse = (field: string, message: string): AppError => new AppError('INVALID_INPUT', message, { [field]: message })

/** The plain values of an application (new), or the plain values that changed (correction). */
interface Plain {
  applicant: { name?: string; idNumber?: string; phone?: string; bankName: string; bankCard?: string }
  child?: { name?: string; idNumber?: string; school?: string; stage: SchoolStage; isNewStudent: boolean; specialFunded: boolean; otherFunding: boolean }
  /** undefined: a correction keeps the sealed statement */
  statement?: string
  diagnosis?: string
  selfPaidMedicalFen?: number
  documents: Array<{ code: string; fileId: string }>
}

const seal = (plain: string | undefined, kept: SealedField | undefined, mask: Parameters<typeof sealSensitive>[1], field: string): SealedField => {
  if (plain !== undefined) return sealSensitive(plain, mask)
  if (kept) return kept
  throw refuse(field, '请填写这一项')
}

/**
 * The applicant is a person, not a number typed into a form: the worker's own member profile, with the
 * ID number saved there under its separate consent (the caller's, or the worker's who agreed to a 代办).
 * A typed ID number or name must be that profile's; the refusal names no one else's record, so it
 * never tells anybody whether some other ID number is registered, has applied or got aid.
 */
async function applicantIdentity(ctx: Ctx, subject: Subject, typed: Plain['applicant']): Promise<{ name: SealedField; idNumber: SealedField; plainName: string }> {
  const profile = await loadProfile(ctx, subject.openid)
  const own = subject.openid === ctx.openid
  const where = own ? '请先在“我的 → 个人信息”里填写本人姓名和身份证号并同意授权' : '请职工本人先在“我的 → 个人信息”里填写姓名和身份证号并同意授权'
  if (!profile || !profile.idNumber || !profile.name || !(await hasConsent(ctx.db, subject.openid, 'id_number'))) {
    throw refuse('applicant.idNumber', `${where}，帮扶申请以本人登记的身份为准`)
  }
  if (typed.idNumber !== undefined && typed.idNumber !== openSensitive(profile.idNumber)) {
    throw refuse('applicant.idNumber', own ? '申请人只能是您本人：请填写您在个人信息里登记的身份证号' : '申请人只能是同意代办的职工本人：请填写其登记的身份证号')
  }
  if (typed.name !== undefined && typed.name !== profile.name) throw refuse('applicant.name', '申请人姓名应与个人信息里登记的姓名一致')
  return { name: sealSensitive(profile.name, 'name'), idNumber: profile.idNumber, plainName: profile.name }
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
async function checkDocuments(
  ctx: Ctx,
  subject: Subject,
  scheme: SchemeConfig,
  docs: Plain['documents'],
  kept: readonly StoredDocument[],
  appId: string,
): Promise<{ documents: StoredDocument[]; claims: string[] }> {
  for (const [i, d] of docs.entries()) {
    if (!scheme.documents.some((item) => item.code === d.code)) throw refuse(`documents.${i}.code`, `“${schemeLabel[scheme.code]}”的材料清单里没有这一项`)
  }
  for (const item of scheme.documents) {
    if (item.required && !docs.some((d) => d.code === item.code)) throw refuse(`documents.${item.code}`, `请上传${item.label}`)
  }
  const claims: string[] = []
  const fileIds = [...new Set(docs.map((d) => d.fileId))]
  const keptIds = new Set(kept.map((d) => d.fileId))
  const fresh = fileIds.filter((id) => !keptIds.has(id))
  if (fresh.length) {
    const _ = ctx.db.command
    const uploads = await findMany(ctx.db.collection(AID.uploads).where({ fileId: _.in(fresh), forOpenid: subject.openid, status: 'done' }), UploadDoc, 20)
    if (uploads.length !== fresh.length) throw refuse('documents', '有材料没有上传成功，请重新上传')
    // a file belongs to one application: correcting or purging one then never deletes another's document
    if (uploads.some((u) => u.applicationId !== null && u.applicationId !== appId)) throw refuse('documents', '有材料已经用在您的另一份申请里，请为这份申请重新拍照上传')
    claims.push(...uploads.map((u) => u._id))
  }
  return { documents: docs.map((d) => ({ code: d.code, fileId: d.fileId, uploadedAt: kept.find((k) => k.fileId === d.fileId)?.uploadedAt ?? ctx.now })), claims }
}

/** Marks the uploads as this application's, inside its transaction (two applications racing for one file conflict there). */
async function claimUploads(tx: Transaction, uploadIds: readonly string[], appId: string): Promise<void> {
  for (const id of uploadIds) await txUpdate(tx, AID.uploads, id, { applicationId: appId })
}

/**
 * 金秋助学 is for a child of the household, at the stage the household profile lists: the household's
 * applications this year may name at most as many different children at a stage as it lists.
 */
async function requireHouseholdChild(ctx: Ctx, household: HouseholdDoc, householdKey: string, year: number, stage: SchoolStage, childKey: string, appId: string | null): Promise<void> {
  const listed = household.profile.members.filter((m) => (m.relation === 'child' || m.relation === 'grandchild') && m.school === stage).length
  const label = schoolStageLabel[stage]
  if (listed === 0) throw refuse('child.stage', `家庭情况里没有正在读${label}的孩子：金秋助学只资助家里的孩子，请先在家庭情况里填写这个孩子`)
  const others = await findMany(ctx.db.collection(AID.applications).where({ householdKey, year, scheme: 'school' }), ApplicationDoc, 100)
  const named = new Set(others.filter((a) => a._id !== appId && a.stage !== 'closed' && a.child?.stage === stage && a.childKey !== null).map((a) => a.childKey))
  named.delete(childKey)
  if (named.size >= listed) {
    throw refuse('child.idNumber', `家庭情况里填写了${listed}个正在读${label}的孩子，今年已经都申请过金秋助学；如果这个孩子也是家里的，请先在家庭情况里补充`)
  }
}

interface Prepared {
  union: Union
  scheme: SchemeConfig
  doc: Omit<ApplicationDoc, '_id' | 'draftId' | 'requestId' | 'events' | 'createdAt'>
  exclusiveKey: string
  household: HouseholdDoc
  /** the applicant's name from the profile ('' for a correction, which keeps its request's name) */
  applicantName: string
  /** uploads (by id) that become this application's */
  uploadClaims: string[]
}

/**
 * Everything checked before anything is stored: membership, window, household profile, consents,
 * documents, eligibility, limits and the amount. A refusal names the field and says why.
 */
async function prepare(ctx: Ctx, subject: Subject, code: SchemeCode, unionId: string | undefined, plain: Plain, earlier: ApplicationDoc | null, appId: string): Promise<Prepared> {
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

  // a new application takes the applicant from the profile; a correction keeps the one it was filed under
  const identity = earlier ? null : await applicantIdentity(ctx, subject, plain.applicant)
  // spouses who each filed a household are one family: once the other's applied, every
  // once-per-household rule is that household's, so she applies from it (by its invitation)
  if (identity && household.householdKey === null) {
    const family = await familyHouseholdOf(ctx.db, { householdId: household._id, ownKey: identity.idNumber.hash, memberKeys: household.memberKeys })
    if (family?.householdKey) throw refuse('household', SAME_FAMILY_MESSAGE)
  }
  const applicant = {
    name: identity?.name ?? seal(undefined, earlier?.applicant.name, 'name', 'applicant.name'),
    // (a correction cannot change who applies: withdraw and apply again instead)
    idNumber: identity?.idNumber ?? seal(undefined, earlier?.applicant.idNumber, 'idNumber', 'applicant.idNumber'),
    phone: seal(plain.applicant.phone, earlier?.applicant.phone, 'phone', 'applicant.phone'),
    bankName: plain.applicant.bankName,
    bankCard: seal(plain.applicant.bankCard, earlier?.applicant.bankCard, 'bankCard', 'applicant.bankCard'),
  }
  // the family's key: set by whoever of its adults applied first (one household, one file: 一户一档)
  const householdKey = earlier?.householdKey ?? household.householdKey ?? applicant.idNumber.hash
  if (earlier && plain.applicant.idNumber !== undefined && keyedHash(plain.applicant.idNumber) !== earlier.applicant.idNumber.hash) {
    throw refuse('applicant.idNumber', '申请人身份证号不能修改；如填错了，请撤回这份申请后重新申请')
  }

  let child: ApplicationDoc['child'] = null
  let childKey: string | null = null
  if (code === 'school') {
    const c = plain.child
    if (!c) throw refuse('child', '请填写孩子的信息')
    const excluded = schoolExclusionProblem(c)
    if (excluded) throw refuse(c.specialFunded ? 'child.specialFunded' : 'child.otherFunding', excluded)
    const idNumber = seal(c.idNumber, earlier?.child?.idNumber, 'idNumber', 'child.idNumber')
    childKey = idNumber.hash
    await requireHouseholdChild(ctx, household, householdKey, year, c.stage, childKey, earlier?._id ?? null)
    if (earlier && childKey !== earlier.childKey) throw refuse('child.idNumber', '孩子的身份证号不能修改；为另一个孩子申请，请撤回后重新申请')
    const under14 = c.idNumber !== undefined ? isUnder14(c.idNumber, ctx.now) : (earlier?.child?.under14 ?? false)
    if (under14) await requireConsent(ctx, 'guardian_minor', { openid: subject.openid, version: AID_CONSENT_VERSION })
    child = {
      name: seal(c.name, earlier?.child?.name, 'name', 'child.name'),
      idNumber,
      school: c.school !== undefined ? sealText(c.school) : seal(undefined, earlier?.child?.school, 'name', 'child.school'),
      stage: c.stage,
      under14,
      isNewStudent: c.isNewStudent,
    }
    // only this household's own grant is named: whether a child ID number got aid through another
    // household is for the reviewers (the approval refuses a second grant for the child), never the caller
    const taken = await findById(ctx.db.collection(AID.grants), grantKeys(scheme, year, householdKey, childKey)[0], z.object({ applicationId: z.string(), householdKey: z.string() }))
    if (taken && taken.householdKey === householdKey && taken.applicationId !== earlier?._id) throw refuse('child.idNumber', `这个孩子${year}年已经获得过金秋助学资助，每个孩子每年只能资助一次。`)
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
    selfPaidMedicalFen: plain.selfPaidMedicalFen ?? (earlier?.selfPaidMedicalFen ? Number(openText(earlier.selfPaidMedicalFen)) : undefined),
    dibaoFen: evaluation.dibao.monthlyFen,
    alreadyThisYearFen: 0,
  })
  if (!quote.ok) throw refuse('scheme', quote.problem)

  const { documents, claims } = await checkDocuments(ctx, subject, scheme, plain.documents, earlier?.documents ?? [], appId)
  const chain = await resolveChain(ctx.db, union, scheme)
  const keys = grantKeys(scheme, year, householdKey, childKey)
  const name = identity?.plainName
  const diagnosis = code === 'medical' ? seal(plain.diagnosis, earlier?.diagnosis ?? undefined, () => '已填写（审核人可查看）', 'diagnosis') : null
  return {
    union,
    scheme,
    household,
    applicantName: identity?.plainName ?? '',
    uploadClaims: claims,
    // per household: a lock held by another household's application must not tell this caller anything
    exclusiveKey: code === 'school' ? `aid-${keys[0]}-h-${householdKey}` : `aid-${keys[keys.length - 1]}`,
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
      statement: plain.statement !== undefined ? sealText(plain.statement) : (earlier?.statement ?? sealText('')),
      diagnosis,
      selfPaidMedicalFen: code === 'medical' ? (plain.selfPaidMedicalFen !== undefined ? sealText(String(plain.selfPaidMedicalFen)) : (earlier?.selfPaidMedicalFen ?? null)) : null,
      assessment: {
        level: verdict.level,
        onFile: evaluation.onFile,
        incomeBracket: incomeBracket(Math.round(evaluation.assessment.figures.annualIncomeFen / 12)),
        figures: sealJson({ size: evaluation.assessment.figures.size, perCapitaMonthlyFen: evaluation.assessment.figures.perCapitaMonthlyFen }),
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

  const prepared = await prepare(ctx, subject, input.scheme, input.unionId, plain, null, appId)
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
      applicantName: prepared.applicantName,
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
        await claimUploads(tx, prepared.uploadClaims, appId)
        if (prepared.household.householdKey !== app.householdKey) {
          await tx.collection(AID.households).doc(prepared.household._id).update({ data: { householdKey: app.householdKey } })
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
          school: input.child?.school,
          stage: input.child?.stage ?? earlier.child.stage,
          isNewStudent: input.child?.isNewStudent ?? earlier.child.isNewStudent,
          specialFunded: input.child?.specialFunded ?? false,
          otherFunding: input.child?.otherFunding ?? false,
        }
      : undefined,
    statement: input.statement,
    diagnosis: input.diagnosis,
    selfPaidMedicalFen: input.selfPaidMedicalFen,
    documents: input.documents,
  }
  const prepared = await prepare(ctx, subject, earlier.scheme, undefined, plain, earlier, earlier._id)
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
        await claimUploads(tx, prepared.uploadClaims, app._id)
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
