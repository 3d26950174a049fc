import { accountActions } from '../../shared/account/actions'
import { aidActions } from '../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { notifyActions } from '../../shared/notify/actions'
import { membershipActions } from '../../shared/membership/actions'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { reviewActions } from '../../shared/requests/actions'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { roleIdFor } from '../../server/privacy/opaqueIds'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { dataOf, errorOf } from '../helpers/envelopes'
import { adminDb } from './adminDb'

// Functions run in this process: give them the local cloud's dev field keys, as the local cloud does for its own runs.
process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
}, 60_000)
afterAll(() => cloud.cleanup())

const withCheck = (first17: string) => first17 + idCheckChar(first17)
const CHAIR = 'demo-chair'
const STREET_STAFF = 'demo-staff'
/** 'id-real''s 入会申请, approved by 张建国 below */
let realJoinRequest = ''

const profile = (name: string, idNumber: string | undefined, phone?: string) => ({
  name,
  ...(phone ? { phone } : {}),
  ...(idNumber ? { idNumber } : {}),
  workerType: 'employee' as const,
  employer: '北京某建筑工程有限公司',
  job: '钢筋工',
  area: '望京街道',
})
async function consented(openid: string) {
  dataOf(await cloud.callAction(openid, membershipActions.giveConsent, { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION }))
  dataOf(await cloud.callAction(openid, membershipActions.giveConsent, { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION }))
}
const claimOf = async (idHashOwner: string) => adminDb().find('member_id_claims', { openid: idHashOwner })
const storedProfile = async (openid: string) => (await adminDb().find('member_profiles', { _id: openid }))[0]

describe('an ID number used by another account (membership.saveProfile)', () => {
  const TAKEN = withCheck('51010219880412001')
  const FREE = withCheck('51010219880412013')

  it('answers a stranger exactly as for a free number, and the holder keeps the claim', async () => {
    await consented('id-holder')
    dataOf(await cloud.callAction('id-holder', membershipActions.bindPhone, { code: 'demo-13911110000' }))
    dataOf(await cloud.callAction('id-holder', membershipActions.saveProfile, profile('王立', TAKEN)))
    await consented('id-stranger')
    await consented('id-fresh')
    const taken = await cloud.callAction('id-stranger', membershipActions.saveProfile, profile('赵敏', TAKEN, '13922220000'))
    const free = await cloud.callAction('id-fresh', membershipActions.saveProfile, profile('赵敏', FREE, '13922220000'))
    // nothing in the answer differs except the masked number itself
    expect({ ...dataOf(taken), idNumberMasked: '' }).toEqual({ ...dataOf(free), idNumberMasked: '' })
    expect(JSON.stringify(taken)).not.toMatch(/另一个|已被|已登记|id-holder/)
    expect((await claimOf('id-holder')).length).toBe(1)
    expect(await storedProfile('id-stranger')).toMatchObject({ idPending: true })
    expect((await storedProfile('id-fresh')).idPending).toBe(false)
  })

  it('moves the claim to a second account of the same person (the same WeChat-verified phone)', async () => {
    await consented('id-newaccount')
    dataOf(await cloud.callAction('id-newaccount', membershipActions.bindPhone, { code: 'demo-13911110000' }))
    dataOf(await cloud.callAction('id-newaccount', membershipActions.saveProfile, profile('王立', TAKEN)))
    expect((await claimOf('id-newaccount')).length).toBe(1)
    expect((await claimOf('id-holder')).length).toBe(0)
    expect((await storedProfile('id-newaccount')).idPending).toBe(false)
    expect(await storedProfile('id-holder')).toMatchObject({ idPending: true })
  })

  it('a squatter cannot keep a number: the union checks the card in person, and its approval moves the claim', async () => {
    const REAL = withCheck('51010219900101002')
    await consented('id-squatter')
    dataOf(await cloud.callAction('id-squatter', membershipActions.saveProfile, profile('假冒', REAL, '13933330000')))
    await consented('id-real')
    dataOf(await cloud.callAction('id-real', membershipActions.saveProfile, profile('真人', REAL, '13944440000')))
    const { requestId } = dataOf(await cloud.callAction('id-real', membershipActions.submitApplication, { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '钢筋工', acceptCharter: true }))
    realJoinRequest = requestId
    const asReviewer = dataOf(await cloud.callAction(CHAIR, reviewActions.getRequest, { requestId }))
    expect(asReviewer.fields.map((f) => f.label)).toContain('身份证号核实')
    const asApplicant = dataOf(await cloud.callAction('id-real', reviewActions.getRequest, { requestId }))
    expect(asApplicant.fields.map((f) => f.label)).not.toContain('身份证号核实')
    expect(JSON.stringify(asApplicant)).not.toMatch(/另有微信账号/)
    dataOf(await cloud.callAction(CHAIR, reviewActions.act, { requestId, decision: 'approve', expectedVersion: asReviewer.request.version }))
    expect((await claimOf('id-real')).length).toBe(1)
    expect((await claimOf('id-squatter')).length).toBe(0)
    expect(await storedProfile('id-squatter')).toMatchObject({ idPending: true })
    expect((await storedProfile('id-real')).idPending).toBe(false)
  })

  it('a pending account changing its number never frees the holder’s claim', async () => {
    dataOf(await cloud.callAction('id-stranger', membershipActions.saveProfile, profile('赵敏', withCheck('51010219880412028'))))
    expect((await claimOf('id-newaccount')).length).toBe(1)
    void errorOf
  })
})

describe('ids that reach phones carry no openid', () => {
  it('aid.proxyCandidates names seeded members and a member just approved by opaque role ids', async () => {
    // 'id-real' became a member of 建筑公司 above, through the approval path
    const { items } = dataOf(await cloud.callAction(CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' }))
    expect(items.length).toBeGreaterThan(2)
    for (const item of items) expect(item.roleId).toMatch(/^r-[0-9a-f]{24}$/)
    const openids = (await adminDb().find('roles', { unionId: 'u-build' })).map((r) => String(r.openid))
    expect(openids).toContain('id-real')
    const text = JSON.stringify(items)
    for (const openid of openids) expect(text).not.toContain(openid)
  })

  it('review.listApprovers names vice-chairs by opaque role ids, and setApprover takes them', async () => {
    // a vice-chair appointed the way the seed appoints people (no action appoints one yet)
    await cloud.db.seed({ roles: [{ _id: roleIdFor('id-vice', 'u-build', 'vice_chair'), openid: 'id-vice', unionId: 'u-build', role: 'vice_chair', unionPath: ['u-district', 'u-street-wangjing', 'u-build'], grantedAt: new Date(), grantedBy: 'seed' }] })
    const listed = dataOf(await cloud.callAction(CHAIR, reviewActions.listApprovers, {}))
    expect(JSON.stringify(listed)).not.toContain('id-vice')
    const vice = listed.unions.flatMap((u) => u.viceChairs)[0]
    expect(dataOf(await cloud.callAction(CHAIR, reviewActions.setApprover, { roleId: vice.roleId, approver: true }))).toEqual({ roleId: vice.roleId, approver: true })
  })
})

describe('separation of duties (server/requests/engine.ts)', () => {
  const DISTRICT_STAFF = 'id-district-staff'
  it('whoever decided one step may not decide another; the step goes to the union above, and the page says so', async () => {
    await cloud.db.seed({ roles: [{ _id: roleIdFor(DISTRICT_STAFF, 'u-district', 'staff'), openid: DISTRICT_STAFF, unionId: 'u-district', role: 'staff', unionPath: ['u-district'], grantedAt: new Date(), grantedBy: 'seed' }] })
    // 王芳 (科技公司, which has no chair) asks for legal aid: 基层工会审核 → 望京街道 法律援助审批
    const { request } = dataOf(await cloud.callAction('demo-worker', reviewActions.submitMatter, { unionId: 'u-tech', category: 'legalAid', title: '追讨欠薪', detail: '公司拖欠三个月工资，需要法律援助' }))
    // 陈静 (望京 staff) decides the grassroots step in place of the missing chair…
    const first = dataOf(await cloud.callAction(STREET_STAFF, reviewActions.act, { requestId: request.id, decision: 'approve', expectedVersion: request.version }))
    expect(first.request.step).toBe(1)
    // …and may not then decide the federation's step of the same request
    const detail = dataOf(await cloud.callAction(STREET_STAFF, reviewActions.getRequest, { requestId: request.id }))
    expect(detail.viewer).toMatchObject({ canAct: false, recusal: '您已审核过这份申请的另一步，按规定回避，这一步由其他审核人办理' })
    expect(detail.escalation).toContain('由上级工会审核')
    const refused = errorOf(await cloud.callAction(STREET_STAFF, reviewActions.act, { requestId: request.id, decision: 'approve', expectedVersion: first.request.version }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '您已审核过这份申请的另一步，按规定回避，这一步由其他审核人办理' })
    // the district's staff were told, and decide
    const inbox = dataOf(await cloud.callAction(DISTRICT_STAFF, notifyActions.listInbox, { limit: 20 }))
    expect(JSON.stringify(inbox)).toContain(request.id)
    const done = dataOf(await cloud.callAction(DISTRICT_STAFF, reviewActions.act, { requestId: request.id, decision: 'approve', expectedVersion: first.request.version }))
    expect(done.request.status).toBe('approved')
  })
})

describe('consent that can be taken back (account.myConsents / withdrawConsent)', () => {
  const itemOf = async (openid: string, purpose: string) => {
    const { items } = dataOf(await cloud.callAction(openid, accountActions.myConsents, {}))
    const item = items.find((i) => i.purpose === purpose)
    if (!item) throw new Error(`${openid} has no ${purpose} consent: ${JSON.stringify(items)}`)
    return item
  }

  it('lists what each consent is for and when it was given, naming nobody by openid', async () => {
    const { items } = dataOf(await cloud.callAction('id-fresh', accountActions.myConsents, {}))
    expect(items.map((i) => i.purpose).sort()).toEqual(['id_number', 'privacy_policy'])
    for (const item of items) expect(item).toMatchObject({ withdrawn: false, withdrawnAt: null, use: expect.any(String), withdrawEffect: expect.any(String), grantedAt: expect.any(Date) })
  })

  it('refuses to withdraw someone else’s consent, and asks for a confirmation', async () => {
    const theirs = await itemOf('id-fresh', 'id_number')
    expect(errorOf(await cloud.callAction('id-stranger', accountActions.withdrawConsent, { consentId: theirs.id, confirm: true })).code).toBe('NOT_FOUND')
    expect(errorOf(await cloud.callAs('id-fresh', 'account', 'withdrawConsent', { consentId: theirs.id })).fields).toEqual({ confirm: '请确认撤回' })
    expect((await itemOf('id-fresh', 'id_number')).withdrawn).toBe(false)
  })

  it('withdrawing the ID consent deletes the number from the profile at once and frees it', async () => {
    const item = await itemOf('id-fresh', 'id_number')
    const done = dataOf(await cloud.callAction('id-fresh', accountActions.withdrawConsent, { consentId: item.id, confirm: true }))
    expect(done.item).toMatchObject({ purpose: 'id_number', withdrawn: true, grantedAt: item.grantedAt })
    expect((await storedProfile('id-fresh')).idNumber).toBeNull()
    expect((await claimOf('id-fresh')).length).toBe(0)
    const profileNow = dataOf(await cloud.callAction('id-fresh', membershipActions.getProfile, {}))
    expect(profileNow).toMatchObject({ idNumberMasked: null, consents: { id_number: false } })
    expect(errorOf(await cloud.callAction('id-fresh', membershipActions.saveProfile, profile('赵敏', withCheck('51010219880412013')))).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('id-fresh', accountActions.withdrawConsent, { consentId: item.id, confirm: true })).code).toBe('CONFLICT')
  })

  it('withdrawing the privacy notice stops profile changes until agreed again', async () => {
    const item = await itemOf('id-stranger', 'privacy_policy')
    dataOf(await cloud.callAction('id-stranger', accountActions.withdrawConsent, { consentId: item.id, confirm: true }))
    expect(errorOf(await cloud.callAction('id-stranger', membershipActions.saveProfile, profile('赵敏', undefined))).code).toBe('FORBIDDEN')
  })

  it('withdrawing the 代办 authorisation ends the cadre’s access at once (aid.getHousehold refused)', async () => {
    const { items } = dataOf(await cloud.callAction(CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' }))
    const names = await adminDb().find('roles', { openid: 'id-real', unionId: 'u-build', role: 'member' })
    const candidate = items.find((i) => i.roleId === names[0]._id)
    if (!candidate) throw new Error('id-real is not offered for 代办')
    const { proxy } = dataOf(await cloud.callAction(CHAIR, aidActions.requestProxy, { roleId: candidate.roleId }))
    dataOf(await cloud.callAction('id-real', aidActions.answerProxy, { proxyId: proxy.id, accept: true, version: AID_CONSENT_VERSION }))
    dataOf(await cloud.callAction(CHAIR, aidActions.getHousehold, { proxyId: proxy.id }))
    const item = await itemOf('id-real', 'proxy_filing')
    expect(item.to).toContain('张建国')
    expect(JSON.stringify(item)).not.toContain(CHAIR)
    dataOf(await cloud.callAction('id-real', accountActions.withdrawConsent, { consentId: item.id, confirm: true }))
    expect(errorOf(await cloud.callAction(CHAIR, aidActions.getHousehold, { proxyId: proxy.id }))).toMatchObject({ code: 'FORBIDDEN', message: '职工本人已撤回代办同意，不能继续代办' })
  })
})

describe('my access log (account.myAccessLog)', () => {
  it('shows the member who viewed her full ID number and when, by union, role and masked name', async () => {
    expect(dataOf(await cloud.callAction('id-real', accountActions.myAccessLog, {})).items).toEqual([])
    dataOf(await cloud.callAction(CHAIR, reviewActions.revealSensitive, { requestId: realJoinRequest, field: 'idNumber' }))
    const log = dataOf(await cloud.callAction('id-real', accountActions.myAccessLog, {}))
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({ who: '北京某建筑工程有限公司工会 工会主席 张*国', what: '身份证号', context: '入会申请', at: expect.any(Date) })
    expect(JSON.stringify(log)).not.toContain(CHAIR)
    // nobody else sees it in theirs
    expect(dataOf(await cloud.callAction('id-squatter', accountActions.myAccessLog, {})).items).toEqual([])
  })
})
