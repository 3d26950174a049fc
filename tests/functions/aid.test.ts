import { randomBytes } from 'crypto'
import * as cloudSdk from 'wx-server-sdk'
import { z } from 'zod'
import type { Envelope, InputOf } from '../../shared/contract'
import { aidActions } from '../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import type { AidConfigBody, SchemeConfig } from '../../shared/aid/config'
import { inChina } from '../../shared/date'
import { role } from '../helpers/roles'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { reviewActions } from '../../shared/requests/actions'
import { seed as coreSeed } from '../../local-cloud/seed/core'
import { seed as aidSeed } from '../../local-cloud/seed/aid'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { adminDb } from './adminDb'
import { aidPeopleSeed } from '../helpers/aidPeople'
import { RACE_AMOUNT, RACE_CHAIR, stageAidRace, type AidRace } from '../helpers/aidRace'
import { dataOf, errorOf } from '../helpers/envelopes'

/**
 * 帮扶与金秋助学 through the compiled `aid` and `review` functions on the local cloud, the way phones
 * would call them: the whole apply → 初审 → 审批 → 公示 → 异议 → 发放 path, refusals for the wrong
 * people and for bad input, the fund ledger under 50 racing approvals, and a sweep of every answer
 * and message for unmasked secrets.
 */

const id18 = (body17: string) => body17 + idCheckChar(body17)
const card = (body: string) => body + luhnCheckDigit(body)

const LI = 'demo-migrant' // 李强, migrant worker at 建筑公司, made a member for these tests
const CHAIR = 'demo-chair' // 张建国, chair of 建筑公司工会
const STAFF = 'demo-staff' // 陈静, staff of 望京街道工会联合会
const WANG = 'demo-worker' // 王芳, member of 科技公司工会
const TECH_CHAIR = 'aid-tech-chair'
const DISTRICT_STAFF = 'aid-district-staff'
const COWORKER = 'aid-coworker'
const OUTSIDER = 'aid-outsider'

const LI_ID = id18('11010519780101123')
const LI_CARD = card('622202020011234567')
const CHILD_ID = id18('11010520080315123')
const CHILD_NAME = '李明远'
const WANG_ID = id18('11010519880606222')
const WANG_CARD = card('621700123456789012')
const YOUNG_CHILD_ID = id18('11010520130909124')
const YOUNG_CHILD_NAME = '王小禾'
const DIAGNOSIS = '急性淋巴细胞白血病'
const SECRETS = [LI_ID, LI_CARD, CHILD_ID, CHILD_NAME, WANG_ID, WANG_CARD, YOUNG_CHILD_ID, YOUNG_CHILD_NAME, DIAGNOSIS]

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const TECH_PATH = ['u-district', 'u-street-wangjing', 'u-tech']
const user = (openid: string, nickName: string) => ({ _id: openid, openid, nickName, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z') })
const YEAR = inChina(new Date()).year()

// each step is a few function calls; on a busy shared machine one call can take seconds
jest.setTimeout(60_000)

let cloud: TestCloud
/** every answer any phone got, swept for secrets at the end (the audited full view is kept apart) */
const answers: unknown[] = []
const savedEnv = { ...process.env }

beforeAll(async () => {
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud()
  await cloud.db.seed(coreSeed)
  // the school window is tomorrow only, so today it is closed whatever day the tests run
  const tomorrow = inChina(new Date()).add(1, 'day').format('MM-DD')
  await cloud.db.seed({
    ...aidSeed,
    aid_config: aidSeed.aid_config.map((c) => ({ ...c, schemes: c.schemes.map((s) => (s.code === 'school' ? { ...s, window: { start: tomorrow, end: tomorrow } } : s)) })),
  })
  await cloud.db.seed({
    roles: [
      role(LI, 'u-build', 'member', BUILD_PATH),
      role(COWORKER, 'u-build', 'member', BUILD_PATH),
      role(TECH_CHAIR, 'u-tech', 'chair', TECH_PATH),
      role(DISTRICT_STAFF, 'u-district', 'staff', ['u-district']),
    ],
    users: [user(TECH_CHAIR, '钱主席'), user(DISTRICT_STAFF, '周科长'), user(COWORKER, '赵工友'), user(OUTSIDER, '路人')],
  })
  // the applicants' own member profiles: an application is filed under the ID number saved there
  await cloud.db.seed(aidPeopleSeed([{ openid: LI, name: '李强', idNumber: LI_ID }, { openid: WANG, name: '王芳', idNumber: WANG_ID }]))
}, 30_000)
afterAll(async () => {
  await cloud.cleanup()
  process.env = savedEnv
})

async function call<A extends (typeof aidActions)[keyof typeof aidActions] | (typeof reviewActions)[keyof typeof reviewActions]>(
  openid: string,
  action: A,
  input: InputOf<A>,
): Promise<Envelope<z.output<A['output']>>> {
  const answer = await cloud.callAction(openid, action, input)
  answers.push(answer)
  return answer
}
const count = (collection: string, where: Record<string, unknown> = {}) => adminDb().count(collection, where)
const one = async (collection: string, _id: string) => (await adminDb().find(collection, { _id }))[0]

/** A small JPEG-looking file, big enough to need two chunks. */
const photo = (bytes = 100 * 1024) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)])

/** Uploads like the H5 client: start, base64 chunks (each retried once as a phone would), finish. */
async function upload(openid: string, docCode: string, file = photo(), proxyId?: string): Promise<string> {
  const slot = dataOf(await call(openid, aidActions.startUpload, { docCode, contentType: 'image/jpeg', size: file.length, ...(proxyId ? { proxyId } : {}) }))
  for (let i = 0; i < slot.chunkCount; i++) {
    const data = file.subarray(i * slot.chunkBytes, (i + 1) * slot.chunkBytes).toString('base64')
    dataOf(await call(openid, aidActions.uploadChunk, { uploadId: slot.uploadId, index: i, data }))
    if (i === 0) dataOf(await call(openid, aidActions.uploadChunk, { uploadId: slot.uploadId, index: i, data }))
  }
  return dataOf(await call(openid, aidActions.finishUpload, { uploadId: slot.uploadId })).fileId
}

const liApplicant = { name: '李强', idNumber: LI_ID, phone: '13800138000', bankName: '中国工商银行望京支行', bankCard: LI_CARD }
type ChildInput = Extract<InputOf<typeof aidActions.submitApplication>, { scheme: 'school' }>['child']
const schoolInput = (draftId: string, admissionLetter: string, child: Partial<ChildInput> = {}) => ({
  draftId,
  scheme: 'school' as const,
  applicant: liApplicant,
  child: { name: CHILD_NAME, idNumber: CHILD_ID, school: '北京某大学', stage: 'undergraduate' as const, isNewStudent: true, specialFunded: false, otherFunding: false, ...child },
  documents: [{ code: 'admissionLetter', fileId: admissionLetter }],
})
const actAt = (openid: string, requestId: string, decision: 'approve' | 'reject' | 'return', expectedVersion: number, reason = '') =>
  call(openid, reviewActions.act, decision === 'approve' ? { requestId, decision, reason, expectedVersion } : { requestId, decision, reason, expectedVersion })
/** A reviewer opens the request, then decides on the version they saw. */
const act = async (openid: string, requestId: string, decision: 'approve' | 'reject' | 'return', reason = '') =>
  actAt(openid, requestId, decision, dataOf(await call(openid, reviewActions.getRequest, { requestId })).request.version, reason)
const fund = async (fundId: string) => z.object({ budgetFen: z.number(), committedFen: z.number(), paidFen: z.number() }).parse(await one('aid_funds', fundId))

/** The school window covers today, by the district staff's own action (the seed's 7–8月 window is closed in a test run at another time). */
const openSchoolWindow = (config: AidConfigBody): AidConfigBody => ({
  ...config,
  schemes: config.schemes.map((s): SchemeConfig => (s.code === 'school' ? { ...s, window: { start: '01-01', end: '12-31' } } : s)),
})

describe('aid · configuration and the eligibility check', () => {
  test('anyone can run the check: 李强’s numbers, the level and the reason in plain Chinese', async () => {
    const check = dataOf(await call(LI, aidActions.checkEligibility, {}))
    expect(check).toMatchObject({ unionName: '北京某建筑工程有限公司工会', dibaoFen: 145_000, dibaoIsDemo: true, isMember: true, onFile: false, level: 'deep', usedSavedProfile: true })
    expect(check.figures.perCapitaMonthlyFen).toBe(86_250)
    expect(check.lines.join('')).toContain('41,400元 ÷ 12个月 ÷ 4人 = 每人每月862.50元')
    const school = check.schemes.find((s) => s.code === 'school')
    expect(school?.children.map((c) => c.amountFen)).toEqual([400_000, 200_000])
    expect(school?.documents.find((d) => d.code === 'admissionLetter')?.required).toBe(true)
    // an outsider may try numbers too, without saving anything
    const tried = dataOf(
      await call(OUTSIDER, aidActions.checkEligibility, {
        profile: { members: [{ relation: 'self', age: 30, monthlyIncomeFen: 100_000 }], worker: { isMigrant: true, livesInCity: true, employmentStart: null } },
      }),
    )
    expect(tried.isMember).toBe(false)
    expect(tried.migrantProblems[0]).toBe('农民工申请帮扶需要先加入工会，成为工会会员。')
    expect(await count('aid_households', { _id: OUTSIDER })).toBe(0)
  })

  test('金秋助学 is refused while its window is closed, and nothing is stored', async () => {
    const form = dataOf(await call(LI, aidActions.getApplyForm, { scheme: 'school' }))
    expect(form.windowOpen).toBe(false)
    expect(form.consents).toEqual({ sensitiveAid: false, guardianMinor: false })
    const file = await upload(LI, 'admissionLetter')
    const refused = errorOf(await call(LI, aidActions.submitApplication, schoolInput('window-closed-1', file)))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.fields?.scheme).toBe(`金秋助学的申请时间是${form.windowText}，现在不在申请时间内。`)
    expect(await count('aid_applications')).toBe(0)
  })

  test('only federation staff of the district change the configuration; a stale version is refused', async () => {
    const seen = dataOf(await call(STAFF, aidActions.getConfig, {}))
    expect(seen).toMatchObject({ federationId: 'u-district', version: 1, canEdit: false })
    const body = openSchoolWindow(seen.config)
    expect(errorOf(await call(STAFF, aidActions.updateConfig, { federationId: 'u-district', expectedVersion: 1, config: body })).code).toBe('FORBIDDEN')
    expect(errorOf(await call(CHAIR, aidActions.getConfig, {})).code).toBe('FORBIDDEN')
    expect(errorOf(await call(LI, aidActions.updateConfig, { federationId: 'u-district', expectedVersion: 1, config: body })).code).toBe('FORBIDDEN')
    const broken = { ...body, schemes: [...body.schemes, body.schemes[0]] }
    const problems = errorOf(await call(DISTRICT_STAFF, aidActions.updateConfig, { federationId: 'u-district', expectedVersion: 1, config: broken }))
    expect(problems.fields).toEqual({ 'schemes.4.code': '生活救助重复配置了' })
    expect(dataOf(await call(DISTRICT_STAFF, aidActions.updateConfig, { federationId: 'u-district', expectedVersion: 1, config: body })).version).toBe(2)
    expect(errorOf(await call(DISTRICT_STAFF, aidActions.updateConfig, { federationId: 'u-district', expectedVersion: 1, config: body })).code).toBe('CONFLICT')
    expect(dataOf(await call(LI, aidActions.getApplyForm, { scheme: 'school' })).windowOpen).toBe(true)
  })
})

let admissionLetter = ''
let appId = ''
let requestId = ''

describe('aid · 金秋助学 for 李强’s son: apply → 初审 → 审批 → 公示 → 异议 → 发放', () => {
  test('bad inputs are refused field by field, in Chinese, and nothing is stored', async () => {
    admissionLetter = await upload(LI, 'admissionLetter')
    const before = await count('aid_applications')
    const cases: Array<[unknown, string, string]> = [
      [{ ...schoolInput('bad-case-1', admissionLetter), applicant: { ...liApplicant, idNumber: LI_ID.slice(0, 17) + (LI_ID[17] === '1' ? '2' : '1') } }, 'applicant.idNumber', '身份证号最后一位校验码不对，请核对'],
      [{ ...schoolInput('bad-case-2', admissionLetter), applicant: { ...liApplicant, bankCard: '1234' } }, 'applicant.bankCard', '银行卡号应为12到19位数字'],
      [schoolInput('bad-case-3', admissionLetter, { stage: 'juniorHigh' }), 'child.stage', '金秋助学资助在读高中（含中职）和大学（含高职高专、研究生）的学生'],
      [{ ...schoolInput('bad-case-4', admissionLetter), documents: [] }, 'documents.admissionLetter', '请上传录取通知书或学生证'],
      [{ ...schoolInput('bad-case-5', admissionLetter), documents: [{ code: 'admissionLetter', fileId: 'cloud://local-dev.x/aid/not-mine.jpg' }] }, 'documents', '有材料没有上传成功，请重新上传'],
      [schoolInput('bad-case-6', admissionLetter, { otherFunding: true }), 'child.otherFunding', '孩子今年已获得政府或其他组织的助学资助，金秋助学不重复资助。'],
      [{ ...schoolInput('bad-case-7', admissionLetter), applicant: { ...liApplicant, phone: '12345' } }, 'applicant.phone', '手机号应为11位数字，以1开头'],
    ]
    // the separate consent for sensitive data comes before anything is stored
    const noConsent = errorOf(await call(LI, aidActions.submitApplication, schoolInput('no-consent', admissionLetter)))
    expect(noConsent).toMatchObject({ code: 'FORBIDDEN', message: '帮扶申请需要用到收入、病情、银行卡等信息，请先阅读说明并单独同意' })
    dataOf(await call(LI, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
    expect(dataOf(await call(LI, aidActions.getApplyForm, { scheme: 'school' })).consents.sensitiveAid).toBe(true)
    for (const [input, field, message] of cases) {
      const answer = await cloud.callAs(LI, 'aid', 'submitApplication', input)
      answers.push(answer)
      const error = errorOf(answer)
      expect([error.code, field, error.fields?.[field]]).toEqual(['INVALID_INPUT', field, message])
    }
    expect(await count('aid_applications')).toBe(before)
    expect(await count('requests')).toBe(0)
  })

  test('李强 applies for his son with the admission letter; the chair is told', async () => {
    const submitted = dataOf(await call(LI, aidActions.submitApplication, schoolInput('school-1', admissionLetter)))
    expect(submitted).toMatchObject({ status: 'submitted', statusLabel: '待初审' })
    appId = submitted.applicationId
    requestId = submitted.requestId
    // a double tap files once
    expect(dataOf(await call(LI, aidActions.submitApplication, schoolInput('school-1', admissionLetter))).applicationId).toBe(appId)
    expect(await count('aid_applications')).toBe(1)
    const inbox = await adminDb().find('inbox', { openid: CHAIR, requestId })
    expect(inbox.length).toBe(1)
    const mine = dataOf(await call(LI, aidActions.myApplications, {}))
    expect(mine.items[0]).toMatchObject({ id: appId, title: '金秋助学 · 大学（含高职高专、研究生）', status: 'submitted', amountFen: null })
  })

  test('a second application for the same child while the first is open is refused', async () => {
    // (its own photo: a file belongs to one application)
    const again = errorOf(await call(LI, aidActions.submitApplication, schoolInput('school-dup', await upload(LI, 'admissionLetter'))))
    expect(again).toMatchObject({ code: 'CONFLICT', message: '这个孩子今年的金秋助学申请正在办理中，请不要重复提交' })
  })

  test('wrong people are refused: another union’s chair, another worker, an outsider', async () => {
    const version = dataOf(await call(CHAIR, reviewActions.getRequest, { requestId })).request.version
    for (const who of [TECH_CHAIR, WANG, OUTSIDER]) {
      expect(errorOf(await call(who, aidActions.getApplication, { applicationId: appId })).code).toBe('FORBIDDEN')
      expect(errorOf(await call(who, aidActions.documentLinks, { applicationId: appId })).code).toBe('FORBIDDEN')
      expect(errorOf(await actAt(who, requestId, 'approve', version)).code).toBe('FORBIDDEN')
      expect(errorOf(await call(who, reviewActions.revealSensitive, { requestId, field: 'applicant.idNumber' })).code).toBe('FORBIDDEN')
    }
    expect(errorOf(await call(TECH_CHAIR, aidActions.recordHomeVisit, { applicationId: appId, visitedOn: '2026-01-01', note: '入户看过了，情况属实，家中确有困难。' })).code).toBe('FORBIDDEN')
    expect(errorOf(await call(CHAIR, aidActions.recordPayment, { applicationId: appId, reference: 'TX0001' })).code).toBe('FORBIDDEN')
  })

  test('初审: the chair must record the home visit before approving', async () => {
    const refused = errorOf(await act(CHAIR, requestId, 'approve'))
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', fields: { homeVisit: '请先填写入户调查情况' } })
    const detail = dataOf(await call(CHAIR, aidActions.getApplication, { applicationId: appId }))
    expect(detail.viewer).toMatchObject({ isReviewer: true, canRecordHomeVisit: true, canPay: false })
    expect(detail.applicant.idNumber).toBe('1101**********' + LI_ID.slice(-4))
    expect(detail.child?.name).toBe('李*远')
    const links = dataOf(await call(CHAIR, aidActions.documentLinks, { applicationId: appId }))
    expect(links.links).toHaveLength(1)
    expect(links.expiresInSeconds).toBe(600)
    const file = await fetch(links.links[0].url)
    expect(file.status).toBe(200)
    expect(await count('audit_log', { actorOpenid: CHAIR, action: 'view_attachment' })).toBe(1)
    dataOf(await call(CHAIR, aidActions.recordHomeVisit, { applicationId: appId, visitedOn: '2026-11-20', note: '入户查看，夫妻二人租住工地宿舍，妻子慢性病长期服药，情况属实。' }))
    expect(dataOf(await act(CHAIR, requestId, 'approve', '情况属实，同意上报')).request).toMatchObject({ status: 'in_review', step: 1 })
    // the applicant hears of each desk, not only the end
    const told = await adminDb().find('inbox', { openid: LI, requestId })
    expect(told.map((m) => [m.title, m.body])).toEqual([['金秋助学：审批中', '您的金秋助学申请已通过基层工会初审（入户调查），已转望京街道工会联合会工会联合会审批。']])
  })

  test('审批: the street federation approves; the amount is committed on the fund and the 公示 opens', async () => {
    const fundId = `u-district-${YEAR}`
    expect(await fund(fundId)).toMatchObject({ committedFen: 0, paidFen: 0 })
    const revealed = dataOf(await cloud.callAction(STAFF, reviewActions.revealSensitive, { requestId, field: 'applicant.idNumber' }))
    expect(revealed.value).toBe(LI_ID) // the audited full view (kept out of the sweep)
    expect(await count('audit_log', { actorOpenid: STAFF, action: 'reveal_field' })).toBe(1)
    const seen = dataOf(await call(STAFF, reviewActions.getRequest, { requestId })).request.version
    const tripsBefore = cloud.adminRequests()
    expect(dataOf(await actAt(STAFF, requestId, 'approve', seen)).request.status).toBe('publicized')
    // every SDK request is a network hop in production (issue 13): at least 24 before the approve path was trimmed
    expect(cloud.adminRequests() - tripsBefore).toBeLessThanOrEqual(23)
    expect(await fund(fundId)).toMatchObject({ committedFen: 400_000, paidFen: 0 })
    const mine = dataOf(await call(LI, aidActions.getApplication, { applicationId: appId }))
    expect(mine).toMatchObject({ status: 'publicized', statusLabel: '公示中', amountFen: 400_000 })
    // a grant alone does not file the household: later amounts stay those of a family not on file
    const householdKey = String((await one('aid_applications', appId)).householdKey)
    expect(await count('aid_files', { _id: householdKey })).toBe(0)
    expect(dataOf(await call(LI, aidActions.checkEligibility, {})).onFile).toBe(false)
  })

  test('困难职工认定: only the approver files the household, and its file tells its history', async () => {
    expect(errorOf(await call(CHAIR, aidActions.fileHousehold, { applicationId: appId })).code).toBe('FORBIDDEN')
    expect(errorOf(await call(LI, aidActions.fileHousehold, { applicationId: appId })).code).toBe('FORBIDDEN')
    const filed = dataOf(await call(STAFF, aidActions.fileHousehold, { applicationId: appId }))
    expect(filed.file).toMatchObject({ status: 'active', level: 'deep', maskedName: '李*' })
    expect(filed.file.history.map((h) => h.text)).toEqual(['认定为困难职工家庭（深度困难），建立困难职工档案'])
    expect(errorOf(await call(STAFF, aidActions.fileHousehold, { applicationId: appId })).message).toBe('这户家庭已经在档')
    expect(dataOf(await call(LI, aidActions.checkEligibility, {})).onFile).toBe(true)
  })

  test('the public notice shows only 李*, the unit, the scheme and the amount, to people in the union', async () => {
    const seen = dataOf(await call(COWORKER, aidActions.listNotices, {}))
    expect(seen.items).toEqual([
      expect.objectContaining({ id: appId, maskedName: '李*', unitName: '北京某建筑工程有限公司', schemeLabel: '金秋助学', amountFen: 400_000, status: 'open' }),
    ])
    expect(Object.keys(seen.items[0]).sort()).toEqual(['amountFen', 'endsAt', 'id', 'maskedName', 'scheme', 'schemeLabel', 'startsAt', 'status', 'unitName'])
    expect(dataOf(await call(STAFF, aidActions.listNotices, {})).items).toHaveLength(1)
    expect(dataOf(await call(WANG, aidActions.listNotices, {})).items).toHaveLength(0) // another unit
    expect(dataOf(await call(OUTSIDER, aidActions.listNotices, {})).items).toHaveLength(0)
    expect(errorOf(await call(OUTSIDER, aidActions.fileObjection, { noticeId: appId, text: '我觉得这家不困难' })).code).toBe('FORBIDDEN')
    expect(errorOf(await call(WANG, aidActions.fileObjection, { noticeId: appId, text: '我觉得这家不困难' })).code).toBe('FORBIDDEN')
  })

  test('异议: a coworker’s objection goes back to the approver, who keeps the approval; nothing is committed twice', async () => {
    const objected = dataOf(await call(COWORKER, aidActions.fileObjection, { noticeId: appId, text: '听说他家在老家新盖了房子，请核实' }))
    expect(objected.message).toContain('将由审批人复核')
    expect(dataOf(await call(COWORKER, aidActions.listNotices, {})).items[0].status).toBe('paused')
    const forApprover = dataOf(await call(STAFF, aidActions.getApplication, { applicationId: appId }))
    expect(forApprover.status).toBe('objection')
    expect(forApprover.objections.map((o) => o.text)).toEqual(['听说他家在老家新盖了房子，请核实'])
    expect(dataOf(await call(STAFF, reviewActions.getRequest, { requestId })).request).toMatchObject({ status: 'in_review', step: 1 })
    // the applicant sees that it is under review, but not who objected or what they said
    const forLi = dataOf(await call(LI, aidActions.getApplication, { applicationId: appId }))
    expect(forLi.objections).toEqual([])
    expect(JSON.stringify(forLi)).not.toContain('赵工友')
    expect(JSON.stringify(dataOf(await call(LI, reviewActions.getRequest, { requestId })))).not.toContain('赵工友')
    // nor through the generic request page: objection texts are for reviewers only
    expect(JSON.stringify(dataOf(await call(LI, reviewActions.getRequest, { requestId })))).not.toContain('新盖了房子')
    expect(JSON.stringify(dataOf(await call(STAFF, reviewActions.getRequest, { requestId })))).toContain('新盖了房子')
    expect(await count('aid_objections', { applicationId: appId, byOpenid: COWORKER })).toBe(1)
    // sealed at rest like the other aid free texts: the stored record holds no word of it
    expect(JSON.stringify(await adminDb().find('aid_objections', { applicationId: appId }))).not.toContain('新盖了房子')
    expect(dataOf(await act(STAFF, requestId, 'approve', '经核实老家房屋为危房翻修，异议不成立')).request.status).toBe('publicized')
    expect(await fund(`u-district-${YEAR}`)).toMatchObject({ committedFen: 400_000 })
    expect(await count('aid_fund_moves', { applicationId: appId, kind: 'commit' })).toBe(1)
    expect(await count('aid_objections', { applicationId: appId, status: 'dismissed' })).toBe(1)
  })

  test('the notice closes itself at its end (timer), then the federation records the payment', async () => {
    expect(z.object({ ok: z.literal(true), data: z.object({ noticesClosed: z.number() }) }).parse(await cloud.invokeTimer('aid', 'aidDaily')).data.noticesClosed).toBe(0)
    expect(errorOf(await call(STAFF, aidActions.recordPayment, { applicationId: appId, reference: 'TX20261122001' })).message).toBe('公示还没有结束，结束后才能发放')
    // five working days pass
    await adminDb().db.collection('aid_notices').doc(appId).update({ data: { endsAt: new Date(Date.now() - 60_000) } })
    const run = z.object({ ok: z.literal(true), data: z.object({ noticesClosed: z.number() }) }).parse(await cloud.invokeTimer('aid', 'aidDaily'))
    expect(run.data.noticesClosed).toBe(1)
    expect(z.object({ ok: z.literal(true), data: z.object({ noticesClosed: z.number() }) }).parse(await cloud.invokeTimer('aid', 'aidDaily')).data.noticesClosed).toBe(0)
    expect(dataOf(await call(COWORKER, aidActions.listNotices, {})).items).toEqual([])
    expect(dataOf(await call(LI, aidActions.getApplication, { applicationId: appId })).status).toBe('awaiting_payment')
    expect(dataOf(await call(STAFF, aidActions.listForPayment, {})).items.map((i) => i.id)).toEqual([appId])
    expect(dataOf(await call(STAFF, aidActions.recordPayment, { applicationId: appId, reference: 'TX20261122001' })).status).toBe('disbursed')
    expect(errorOf(await call(STAFF, aidActions.recordPayment, { applicationId: appId, reference: 'TX20261122001' })).code).toBe('CONFLICT')
    expect(await fund(`u-district-${YEAR}`)).toMatchObject({ committedFen: 0, paidFen: 400_000 })
    const ledger = dataOf(await call(STAFF, aidActions.fundLedger, { year: YEAR }))
    expect(ledger.moves.map((m) => m.kind)).toEqual(['pay', 'commit', 'budget'])
    expect(ledger.fund).toMatchObject({ availableFen: 50_000_000 - 400_000 })
  })

  test('李强 sees it paid, with every step of the timeline', async () => {
    const mine = dataOf(await call(LI, aidActions.getApplication, { applicationId: appId }))
    expect(mine).toMatchObject({ status: 'disbursed', statusLabel: '已发放', amountFen: 400_000 })
    expect(mine.paidAt).not.toBeNull()
    const titles = mine.timeline.map((t) => t.title)
    expect(titles).toEqual(
      expect.arrayContaining(['提交申请', '基层工会初审（入户调查） 审核通过', '工会联合会审批 审核通过', '公示期间收到异议，退回审批人复核', '帮扶款已发放']),
    )
    const inbox = await adminDb().find('inbox', { openid: LI })
    expect(inbox.map((m) => m.title)).toEqual(expect.arrayContaining(['金秋助学：已发放']))
  })

  test('after the grant, the same child cannot get 金秋助学 again this year', async () => {
    const again = errorOf(await call(LI, aidActions.submitApplication, schoolInput('school-again', admissionLetter)))
    expect(again).toMatchObject({ code: 'INVALID_INPUT', fields: { 'child.idNumber': `这个孩子${YEAR}年已经获得过金秋助学资助，每个孩子每年只能资助一次。` } })
  })

  test('the chair sees the union’s totals; another union’s chair does not', async () => {
    const totals = dataOf(await call(CHAIR, aidActions.unionTotals, { unionId: 'u-build', year: YEAR }))
    expect(totals.schemes.find((s) => s.scheme === 'school')).toMatchObject({ applications: 1, approved: 1, approvedFen: 400_000, paidFen: 400_000 })
    expect(errorOf(await call(TECH_CHAIR, aidActions.unionTotals, { unionId: 'u-build', year: YEAR })).code).toBe('FORBIDDEN')
    expect(dataOf(await call(STAFF, aidActions.unionTotals, { unionId: 'u-street-wangjing', year: YEAR })).total.approved).toBe(1)
  })
})

describe('aid · 王芳: a returned application corrected without retyping, a child under 14, an upheld objection', () => {
  let wangApp = ''
  let wangRequest = ''
  test('a child under 14 needs the guardian’s separate consent before submission', async () => {
    dataOf(
      await call(WANG, aidActions.saveHousehold, {
        profile: {
          members: [
            { relation: 'self', age: 38, monthlyIncomeFen: 200_000 },
            { relation: 'child', age: 13, school: 'highSchool' },
          ],
          causes: ['singleParent', 'lowIncome'],
        },
      }),
    )
    dataOf(await call(WANG, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
    const letter = await upload(WANG, 'admissionLetter')
    const input = {
      draftId: 'wang-school-1',
      scheme: 'school' as const,
      applicant: { name: '王芳', idNumber: WANG_ID, phone: '13900139000', bankName: '中国建设银行望京支行', bankCard: WANG_CARD },
      child: { name: YOUNG_CHILD_NAME, idNumber: YOUNG_CHILD_ID, school: '北京某中学', stage: 'highSchool' as const, isNewStudent: true, specialFunded: false, otherFunding: false },
      documents: [{ code: 'admissionLetter', fileId: letter }],
    }
    const refused = errorOf(await call(WANG, aidActions.submitApplication, input))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '孩子未满14周岁，需要监护人同意后才能提交孩子的信息' })
    dataOf(await call(WANG, aidActions.recordConsent, { purpose: 'guardian_minor', version: AID_CONSENT_VERSION }))
    const done = dataOf(await call(WANG, aidActions.submitApplication, input))
    wangApp = done.applicationId
    wangRequest = done.requestId
    expect(dataOf(await call(TECH_CHAIR, aidActions.getApplication, { applicationId: wangApp })).child).toMatchObject({ under14: true, name: '王*禾' })
  })

  test('returned: she corrects the bank and resubmits without retyping the ID numbers', async () => {
    expect(dataOf(await act(TECH_CHAIR, wangRequest, 'return', '开户行请写到支行网点')).request.status).toBe('returned')
    const returned = dataOf(await call(WANG, aidActions.getApplication, { applicationId: wangApp }))
    expect(returned).toMatchObject({ status: 'returned', lastReason: '开户行请写到支行网点', viewer: { canResubmit: true } })
    // and she replaces the photo of the admission letter with a clearer one
    const clearer = await upload(WANG, 'admissionLetter')
    const again = dataOf(
      await call(WANG, aidActions.resubmitApplication, {
        applicationId: wangApp,
        expectedVersion: returned.version,
        applicant: { bankName: '中国建设银行北京望京西园支行' },
        documents: [{ code: 'admissionLetter', fileId: clearer }],
      }),
    )
    expect(again.status).toBe('submitted')
    adminDb() // points the SDK at this cloud
    const old = z.object({ fileList: z.array(z.object({ tempFileURL: z.string() })) }).parse(await cloudSdk.getTempFileURL({ fileList: [returned.documents[0].fileId, clearer] }))
    expect(old.fileList.map((f) => f.tempFileURL !== '')).toEqual([false, true])
    const after = dataOf(await call(TECH_CHAIR, aidActions.getApplication, { applicationId: wangApp }))
    expect(after.applicant).toMatchObject({ bankName: '中国建设银行北京望京西园支行', idNumber: '1101**********' + WANG_ID.slice(-4) })
    expect(after.child?.idNumber).toBe('1101**********' + YOUNG_CHILD_ID.slice(-4))
  })

  test('an upheld objection revokes the approval: the money goes back to the fund and the grant is freed', async () => {
    dataOf(await call(TECH_CHAIR, aidActions.recordHomeVisit, { applicationId: wangApp, visitedOn: '2026-11-21', note: '单亲家庭，母女二人租住，收入低，情况属实。' }))
    dataOf(await act(TECH_CHAIR, wangRequest, 'approve'))
    dataOf(await act(STAFF, wangRequest, 'approve'))
    const fundId = `u-district-${YEAR}`
    expect((await fund(fundId)).committedFen).toBe(200_000)
    dataOf(await call(DISTRICT_STAFF, aidActions.fileObjection, { noticeId: wangApp, text: '孩子已获得学校全额奖学金，属于重复资助' }))
    expect(dataOf(await act(STAFF, wangRequest, 'reject', '经核实已获其他资助，异议成立')).request.status).toBe('rejected')
    expect((await fund(fundId)).committedFen).toBe(0)
    expect(await count('aid_grants', { childKey: String((await one('aid_applications', wangApp)).childKey) })).toBe(0)
    expect(await one('aid_notices', wangApp)).toMatchObject({ status: 'withdrawn' })
    // 王芳's household was never filed (a grant alone does not), so there is no file to touch
    expect(await count('aid_files', { _id: String((await one('aid_applications', wangApp)).householdKey) })).toBe(0)
    expect(dataOf(await call(WANG, aidActions.getApplication, { applicationId: wangApp })).status).toBe('rejected')
    expect(await count('aid_fund_moves', { applicationId: wangApp, kind: 'release' })).toBe(1)
  })

  test('a year after it closed, the rejected application’s photos are deleted from storage (retention)', async () => {
    const stored = z.object({ documents: z.array(z.object({ fileId: z.string() })) }).parse(await one('aid_applications', wangApp))
    expect(stored.documents).toHaveLength(1)
    await adminDb().db.collection('aid_applications').doc(wangApp).update({ data: { updatedAt: new Date(Date.now() - 366 * 24 * 3600 * 1000) } })
    const run = z.object({ ok: z.literal(true), data: z.object({ documentsPurged: z.number() }) }).parse(await cloud.invokeTimer('aid', 'aidDaily'))
    expect(run.data.documentsPurged).toBe(1)
    expect(await one('aid_applications', wangApp)).toMatchObject({ documents: [] })
    adminDb() // points the SDK at this cloud
    const gone = z.object({ fileList: z.array(z.object({ tempFileURL: z.string() })) }).parse(await cloudSdk.getTempFileURL({ fileList: [stored.documents[0].fileId] }))
    expect(gone.fileList[0].tempFileURL).toBe('')
  })

  test('hardship files: the chair reviews and closes; others cannot', async () => {
    const files = dataOf(await call(CHAIR, aidActions.listFiles, {}))
    expect(files.items.map((f) => f.maskedName)).toEqual(['李*'])
    const fileId = files.items[0].id
    expect(errorOf(await call(TECH_CHAIR, aidActions.closeFile, { fileId, reason: 'recovered', note: '已脱困' })).code).toBe('FORBIDDEN')
    // a year later the timer raises the yearly review once
    await adminDb().db.collection('aid_files').doc(fileId).update({ data: { reviewDueAt: new Date(Date.now() - 1000) } })
    const raised = z.object({ ok: z.literal(true), data: z.object({ reviewsRaised: z.number() }) }).parse(await cloud.invokeTimer('aid', 'aidDaily'))
    expect(raised.data.reviewsRaised).toBe(1)
    expect(dataOf(await call(CHAIR, aidActions.listFiles, { dueOnly: true })).items).toHaveLength(1)
    const reviewed = dataOf(await call(CHAIR, aidActions.reviewFile, { fileId, note: '复核：仍属困难家庭' }))
    expect(reviewed.file.reviewDue).toBe(false)
    const closed = dataOf(await call(CHAIR, aidActions.closeFile, { fileId, reason: 'recovered', note: '妻子病情好转后就业，家庭已脱困' }))
    expect(closed.file).toMatchObject({ status: 'closed', closeReason: '家庭已脱困：妻子病情好转后就业，家庭已脱困' })
    expect(closed.file.history[0].text).toBe('退档：家庭已脱困：妻子病情好转后就业，家庭已脱困')
    // the reviewers' own words are sealed at rest
    expect(JSON.stringify(await one('aid_files', fileId))).not.toMatch(/病情好转|仍属困难家庭/)
  })
})

describe('aid · 代办: a cadre files for a worker who agreed', () => {
  test('without the worker’s consent nothing can be filed; after it, the worker is the applicant', async () => {
    const candidates = dataOf(await call(CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' }))
    const liRole = candidates.items.find((c) => c.roleId === `r-${LI}-u-build-member`)
    expect(liRole?.name).toBe('李*')
    // two 李* stay apart by when they joined, and the button knows nothing was sent yet
    expect(liRole).toMatchObject({ since: expect.stringMatching(/^\d{4}年\d{1,2}月入会$/), asked: null })
    expect(errorOf(await call(TECH_CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' })).code).toBe('FORBIDDEN')
    const asked = dataOf(await call(CHAIR, aidActions.requestProxy, { roleId: `r-${LI}-u-build-member` })).proxy
    // the list now shows the request as sent, instead of offering to send it again
    expect(dataOf(await call(CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' })).items.find((c) => c.roleId === `r-${LI}-u-build-member`)?.asked).toBe('pending')
    expect(errorOf(await call(CHAIR, aidActions.getHousehold, { proxyId: asked.id })).message).toBe('职工本人还没有同意由您代办')
    expect(errorOf(await call(COWORKER, aidActions.answerProxy, { proxyId: asked.id, accept: true, version: AID_CONSENT_VERSION })).code).toBe('NOT_FOUND')
    dataOf(await call(LI, aidActions.answerProxy, { proxyId: asked.id, accept: true, version: AID_CONSENT_VERSION }))
    expect(await count('consents', { openid: LI, purpose: 'proxy_filing', onBehalfOf: CHAIR })).toBe(1)
    const household = dataOf(await call(CHAIR, aidActions.getHousehold, { proxyId: asked.id }))
    expect(household.profile?.members).toHaveLength(4)
    const check = dataOf(await call(CHAIR, aidActions.checkEligibility, { proxyId: asked.id }))
    expect(check.onFile).toBe(false) // the file was closed above
    const receipt = await upload(CHAIR, 'idCard', photo(20_000), asked.id)
    const input = {
      draftId: 'proxy-living-1',
      scheme: 'living' as const,
      proxyId: asked.id,
      applicant: liApplicant,
      statement: '妻子慢性病常年服药，两个孩子上学，家庭收入低，生活困难。',
      documents: [
        { code: 'idCard', fileId: receipt },
        { code: 'hukou', fileId: await upload(CHAIR, 'hukou', photo(20_000), asked.id) },
        { code: 'incomeProof', fileId: await upload(CHAIR, 'incomeProof', photo(20_000), asked.id) },
      ],
    }
    const filed = dataOf(await call(CHAIR, aidActions.submitApplication, input))
    const stored = await one('aid_applications', filed.applicationId)
    expect(stored).toMatchObject({ applicantOpenid: LI, filedByOpenid: CHAIR, amountFen: 870_000 })
    expect(dataOf(await call(LI, aidActions.myApplications, {})).items.find((i) => i.id === filed.applicationId)?.byProxy).toBe(true)
    expect(dataOf(await call(STAFF, reviewActions.getRequest, { requestId: filed.requestId })).fields.find((f) => f.label === '代办')?.value).toContain('职工本人已同意')
    // the cadre who filed it may not review it (separation of duties); his union's step goes to the federation above
    const forChair = dataOf(await call(CHAIR, reviewActions.getRequest, { requestId: filed.requestId }))
    expect(forChair.viewer).toMatchObject({ canAct: false, recusal: '这份申请是您代为提交的，按规定回避，由其他审核人办理' })
    expect(errorOf(await call(CHAIR, reviewActions.act, { requestId: filed.requestId, decision: 'approve', expectedVersion: forChair.request.version })).code).toBe('FORBIDDEN')
    expect(dataOf(await call(STAFF, reviewActions.getRequest, { requestId: filed.requestId })).escalation).toContain('由上级工会审核')
  })
})

describe('aid · the fund ledger under racing approvals', () => {
  let race: AidRace
  beforeAll(async () => {
    race = await stageAidRace(cloud, { workers: 50, room: 10 })
  }, 120_000)

  test('50 concurrent approvals against a fund with room for 10: every caller gets a definite answer, exactly 10 pass, the balance never goes below zero', async () => {
    // all fifty at once, no second tries: each answer is approved or QUOTA, never "try again"
    const results = await Promise.all(
      race.requests.map((requestId, i) => cloud.callAction(RACE_CHAIR, reviewActions.act, { requestId, decision: 'approve', reason: '', expectedVersion: race.versions[i] })),
    )
    answers.push(...results)
    const outcome = results.map((r) => (r.ok ? 'approved' : r.error.code))
    expect(outcome.filter((o) => o === 'approved')).toHaveLength(10)
    expect(outcome.filter((o) => o === 'QUOTA')).toHaveLength(40)
    const fundId = race.fundId
    expect(await fund(fundId)).toEqual({ budgetFen: 10 * RACE_AMOUNT, committedFen: 10 * RACE_AMOUNT, paidFen: 0 })
    expect(await one('aid_funds', fundId)).toMatchObject({ availableFen: 0 })
    expect(await count('aid_fund_moves', { fundId, kind: 'commit' })).toBe(10)
    const lines = z.array(z.object({ budgetFen: z.number(), committedFen: z.number(), paidFen: z.number() })).parse(await adminDb().find('aid_fund_moves', { fundId }))
    for (const line of lines) expect(line.budgetFen - line.committedFen - line.paidFen).toBeGreaterThanOrEqual(0)
    const approvedIdx = outcome.flatMap((o, i) => (o === 'approved' ? [i] : []))
    const refusedId = race.requests[outcome.indexOf('QUOTA')]
    const refusedAt = dataOf(await call(RACE_CHAIR, reviewActions.getRequest, { requestId: refusedId })).request.version
    const tripsBefore = cloud.adminRequests()
    const refused = errorOf(await actAt(RACE_CHAIR, refusedId, 'approve', refusedAt))
    // refused before any transaction: the caller's roles, the request, the application, the fund's conditional update, the balance (7 before)
    expect(cloud.adminRequests() - tripsBefore).toBeLessThanOrEqual(5)
    expect(refused.message).toContain('本年度帮扶资金余额不足（还剩0元）')
    // pay the ten
    expect(dataOf(await call(RACE_CHAIR, aidActions.getApplication, { applicationId: race.applications[approvedIdx[0]] })).viewer.canPay).toBe(true)
    for (const i of approvedIdx) dataOf(await call(RACE_CHAIR, aidActions.recordPayment, { applicationId: race.applications[i], reference: `RACE-${i}` }))
    expect(await fund(fundId)).toEqual({ budgetFen: 10 * RACE_AMOUNT, committedFen: 0, paidFen: 10 * RACE_AMOUNT })
    expect(await one('aid_funds', fundId)).toMatchObject({ availableFen: 0 })
    expect(errorOf(await call(DISTRICT_STAFF, aidActions.setFundBudget, { federationId: 'u-race', year: YEAR, budgetFen: 1 })).code).toBe('FORBIDDEN')
  }, 180_000)
})

describe('aid · nothing sensitive leaves the server unmasked', () => {
  test('every answer, every inbox and outbox message and every captured push is free of ID numbers, card numbers, diagnoses and children’s names', async () => {
    expect(answers.length).toBeGreaterThan(100)
    assertNoSensitive(answers, SECRETS, { detectBankCards: true })
    assertNoSensitive(await adminDb().find('inbox'), SECRETS)
    assertNoSensitive(await adminDb().find('outbox'), SECRETS)
    assertNoSensitive(await adminDb().find('aid_notices'), SECRETS)
    assertNoSensitive(await adminDb().find('requests'), SECRETS)
    assertNoSensitive(cloud.outbox.list(), SECRETS)
    // stored applications hold them only sealed
    assertNoSensitive(await adminDb().find('aid_applications'), SECRETS, { allowSealed: true })
  }, 60_000)
})
