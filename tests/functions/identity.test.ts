import { aidActions } from '../../shared/aid/actions'
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
