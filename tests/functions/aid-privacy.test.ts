import { randomBytes } from 'crypto'
import { readFileSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'
import { aidActions } from '../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { inChina } from '../../shared/date'
import { role } from '../helpers/roles'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { reviewActions } from '../../shared/requests/actions'
import { seed as coreSeed } from '../../local-cloud/seed/core'
import { seed as aidSeed } from '../../local-cloud/seed/aid'
import { keyedHash } from '../../server/privacy/crypto'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { aidPeopleSeed } from '../helpers/aidPeople'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

/**
 * Who an aid applicant is and what is kept of them (issue 9): the applicant is the caller's own
 * profile, never an ID number typed into the form, and no answer tells a stranger anything about
 * another person's ID number; hardship, health and children's details are sealed at rest; documents
 * reach storage only through the function.
 */

const id18 = (body17: string) => body17 + idCheckChar(body17)
const card = (body: string) => body + luhnCheckDigit(body)

const LI = 'demo-migrant' // 李强: his household got 生活救助 this year
const WANG = 'demo-worker' // 王芳, member of 科技公司工会: the stranger
const TECH_CHAIR = 'priv-tech-chair'
const LI_ID = id18('11010519780101123')
const WANG_ID = id18('11010519880606222')
const UNUSED_ID = id18('11010519700707333') // nobody's profile
const LI_CHILD_ID = id18('11010520080315123')
const YEAR = inChina(new Date()).year()
const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const TECH_PATH = ['u-district', 'u-street-wangjing', 'u-tech']

// values that must never be stored in clear
const INCOME_FEN = 123_457
const STATEMENT = '丈夫去年工伤去世，本人独自抚养女儿，房租压力很大。'
const SCHOOL = '北京市第八十中学'
const VISIT_NOTE = '入户看到母女二人租住十平米小屋，情况属实。'


// each step is a few function calls; on a busy shared machine one call can take seconds
jest.setTimeout(60_000)

let cloud: TestCloud
const savedEnv = { ...process.env }

beforeAll(async () => {
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud()
  await cloud.db.seed(coreSeed)
  await cloud.db.seed({
    ...aidSeed,
    // 金秋助学 open all year for these tests
    aid_config: aidSeed.aid_config.map((c) => ({ ...c, schemes: c.schemes.map((s) => (s.code === 'school' ? { ...s, window: { start: '01-01', end: '12-31' } } : s)) })),
  })
  const liHousehold = keyedHash(LI_ID)
  await cloud.db.seed({
    roles: [role(LI, 'u-build', 'member', BUILD_PATH), role(TECH_CHAIR, 'u-tech', 'chair', TECH_PATH)],
    users: [{ _id: TECH_CHAIR, openid: TECH_CHAIR, nickName: '钱主席', createdAt: new Date(), updatedAt: new Date() }],
    ...aidPeopleSeed([
      { openid: LI, name: '李强', idNumber: LI_ID },
      { openid: WANG, name: '王芳', idNumber: WANG_ID },
    ]),
    // 李强's household was granted 生活救助 this year, and his son 金秋助学
    aid_grants: [
      { _id: `living-${YEAR}-h-${liHousehold}`, scheme: 'living', year: YEAR, householdKey: liHousehold, childKey: null, applicationId: 'a-li-earlier', at: new Date() },
      { _id: `hardship-${YEAR}-h-${liHousehold}`, scheme: 'living', year: YEAR, householdKey: liHousehold, childKey: null, applicationId: 'a-li-earlier', at: new Date() },
      { _id: `school-${YEAR}-c-${keyedHash(LI_CHILD_ID)}`, scheme: 'school', year: YEAR, householdKey: liHousehold, childKey: keyedHash(LI_CHILD_ID), applicationId: 'a-li-school', at: new Date() },
    ],
  })
}, 60_000)
afterAll(async () => {
  await cloud.cleanup()
  process.env = savedEnv
})

const photo = (bytes = 20_000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)])
async function upload(openid: string, docCode: string): Promise<string> {
  const file = photo()
  const slot = dataOf(await cloud.callAction(openid, aidActions.startUpload, { docCode, contentType: 'image/jpeg', size: file.length }))
  for (let i = 0; i < slot.chunkCount; i++) {
    dataOf(await cloud.callAction(openid, aidActions.uploadChunk, { uploadId: slot.uploadId, index: i, data: file.subarray(i * slot.chunkBytes, (i + 1) * slot.chunkBytes).toString('base64') }))
  }
  return dataOf(await cloud.callAction(openid, aidActions.finishUpload, { uploadId: slot.uploadId })).fileId
}
const count = (collection: string, where: Record<string, unknown> = {}) => adminDb().count(collection, where)

const wangApplicant = (idNumber: string, name = '王芳') => ({ name, idNumber, phone: '13900139000', bankName: '中国建设银行望京支行', bankCard: card('621700123456789012') })
let livingDocs: Array<{ code: string; fileId: string }> = []
const living = (draftId: string, applicant: ReturnType<typeof wangApplicant>) => ({
  draftId,
  scheme: 'living' as const,
  applicant,
  statement: STATEMENT,
  documents: livingDocs,
})

describe('aid · the applicant is the caller’s own profile', () => {
  beforeAll(async () => {
    dataOf(
      await cloud.callAction(WANG, aidActions.saveHousehold, {
        profile: {
          members: [
            { relation: 'self', age: 38, health: 'serious', monthlyIncomeFen: INCOME_FEN },
            { relation: 'child', age: 16, school: 'highSchool' },
            { relation: 'child', age: 17, school: 'highSchool' },
          ],
          causes: ['singleParent', 'lowIncome'],
        },
      }),
    )
    dataOf(await cloud.callAction(WANG, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
    livingDocs = [
      { code: 'idCard', fileId: await upload(WANG, 'idCard') },
      { code: 'hukou', fileId: await upload(WANG, 'hukou') },
      { code: 'incomeProof', fileId: await upload(WANG, 'incomeProof') },
    ]
  }, 60_000)

  test('another person’s ID number learns nothing: the answer is the same whether that person got aid or nobody has the number', async () => {
    const withLi = errorOf(await cloud.callAction(WANG, aidActions.submitApplication, living('stranger-li-1', wangApplicant(LI_ID, '李强'))))
    const withUnused = errorOf(await cloud.callAction(WANG, aidActions.submitApplication, living('stranger-unused-1', wangApplicant(UNUSED_ID))))
    expect(withLi.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(withLi)).not.toMatch(/领取|已经|救助/)
    // with his name or her own the refusal is about her own profile, never about the number she typed
    const withLiOwnName = errorOf(await cloud.callAction(WANG, aidActions.submitApplication, living('stranger-li-2', wangApplicant(LI_ID))))
    expect(withLiOwnName).toEqual(withUnused)
    expect(withUnused.fields?.['applicant.idNumber']).toBe('申请人只能是您本人：请填写您在个人信息里登记的身份证号')
    expect(await count('aid_applications')).toBe(0)
    expect(await count('requests', { kind: 'aid.hardship' })).toBe(0)
  })

  test('a child’s ID number that got 金秋助学 through another household is not named to the caller', async () => {
    const letter = await upload(WANG, 'admissionLetter')
    const answer = await cloud.callAction(WANG, aidActions.submitApplication, {
      draftId: 'stranger-child-1',
      scheme: 'school',
      applicant: wangApplicant(WANG_ID),
      child: { name: '王小禾', idNumber: LI_CHILD_ID, school: SCHOOL, stage: 'highSchool', isNewStudent: true, specialFunded: false, otherFunding: false },
      documents: [{ code: 'admissionLetter', fileId: letter }],
    })
    expect(JSON.stringify(answer)).not.toContain('已经获得过金秋助学')
  })

  test('her own profile files: the applicant’s ID number is the one saved with consent', async () => {
    const filed = dataOf(await cloud.callAction(WANG, aidActions.submitApplication, living('own-application-1', wangApplicant(WANG_ID))))
    const stored = z.object({ applicantOpenid: z.string(), householdKey: z.string() }).parse((await adminDb().find('aid_applications', { _id: filed.applicationId }))[0])
    expect(stored).toEqual({ applicantOpenid: WANG, householdKey: keyedHash(WANG_ID) })
  })

  test('without an ID number saved in the profile nobody can apply', async () => {
    await adminDb().db.collection('member_profiles').doc(LI).update({ data: { idNumber: null } })
    dataOf(await cloud.callAction(LI, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
    const refused = errorOf(
      await cloud.callAction(LI, aidActions.submitApplication, {
        draftId: 'li-no-profile',
        scheme: 'medical',
        applicant: { phone: '13800138000', bankName: '中国工商银行望京支行', bankCard: card('622202020011234567') },
        statement: '妻子慢性病常年服药，家庭收入低，生活困难。',
        diagnosis: '慢性肾病',
        selfPaidMedicalFen: 1_000_000,
        documents: [],
      }),
    )
    expect(refused.fields?.['applicant.idNumber']).toContain('请先在“我的 → 个人信息”里填写本人姓名和身份证号')
  })
})

describe('aid · hardship, health and children sealed at rest', () => {
  let schoolApp = ''
  test('the stored household and applications hold no income, health, school, statement or home-visit note in clear', async () => {
    const letter = await upload(WANG, 'admissionLetter')
    const filed = dataOf(
      await cloud.callAction(WANG, aidActions.submitApplication, {
        draftId: 'sealed-school-1',
        scheme: 'school',
        applicant: wangApplicant(WANG_ID),
        child: { name: '王小禾', idNumber: id18('11010520090909124'), school: SCHOOL, stage: 'highSchool', isNewStudent: true, specialFunded: false, otherFunding: false },
        statement: STATEMENT,
        documents: [{ code: 'admissionLetter', fileId: letter }],
      }),
    )
    schoolApp = filed.applicationId
    dataOf(await cloud.callAction(TECH_CHAIR, aidActions.recordHomeVisit, { applicationId: schoolApp, visitedOn: '2026-11-20', note: VISIT_NOTE }))
    const stored = JSON.stringify([await adminDb().find('aid_households'), await adminDb().find('aid_applications')])
    for (const clear of [String(INCOME_FEN), 'monthlyIncomeFen', '"serious"', 'perCapitaMonthlyFen', STATEMENT, SCHOOL, VISIT_NOTE]) expect(stored).not.toContain(clear)
    // what queries need stays beside it
    expect((await adminDb().find('aid_households', { _id: WANG }))[0]).toMatchObject({ incomeBracket: '1000-2000元' })
  })

  test('the reviewer still reads them, the applicant sees her own', async () => {
    const forChair = dataOf(await cloud.callAction(TECH_CHAIR, aidActions.getApplication, { applicationId: schoolApp }))
    expect(forChair).toMatchObject({ statement: STATEMENT, child: { school: SCHOOL }, homeVisit: { note: VISIT_NOTE } })
    const request = dataOf(await cloud.callAction(TECH_CHAIR, reviewActions.getRequest, { requestId: schoolApp }))
    expect(request.fields.find((f) => f.label === '情况说明')?.value).toBe(STATEMENT)
    expect(request.fields.find((f) => f.label === '人均月收入')?.value).toMatch(/^\d/)
    expect(dataOf(await cloud.callAction(WANG, aidActions.getApplication, { applicationId: schoolApp })).statement).toBe(STATEMENT)
    expect(dataOf(await cloud.callAction(WANG, aidActions.getHousehold, {})).profile?.members[0]).toMatchObject({ monthlyIncomeFen: INCOME_FEN, health: 'serious' })
    expect(errorOf(await cloud.callAction(LI, aidActions.getApplication, { applicationId: schoolApp })).code).toBe('FORBIDDEN')
  })
})

describe('aid · documents reach storage only through the function', () => {
  test('a fileID the phone uploaded itself is not accepted: every document is stored by the function', async () => {
    const slot = dataOf(await cloud.callAction(WANG, aidActions.startUpload, { docCode: 'idCard', contentType: 'image/jpeg', size: 20_000 }))
    // the phone put a file at the slot's own path with wx.cloud.uploadFile and reports its fileID
    const { cloudPath } = z.object({ cloudPath: z.string() }).parse((await adminDb().find('aid_uploads', { _id: slot.uploadId }))[0])
    expect(JSON.stringify(slot)).not.toContain(cloudPath)
    const answer = await cloud.callAs(WANG, 'aid', 'finishUpload', { uploadId: slot.uploadId, fileId: `cloud://local-dev.x/${cloudPath}` })
    expect(answer.ok).toBe(false)
    expect(await count('aid_uploads', { _id: slot.uploadId, status: 'done' })).toBe(0)
  })

  test('the storage rule kept in the repo lets a user read only their own uploads', () => {
    const rule = z.object({ read: z.string(), write: z.string() }).parse(JSON.parse(readFileSync(join(__dirname, '../../database/storage/rules.json'), 'utf8')).rules)
    expect(rule.read).toBe('resource.openid == auth.openid')
    expect(rule.write).toBe('resource.openid == auth.openid')
  })
})

describe('aid · flows that ended wrong (issue 10)', () => {
  const schoolFor = (draftId: string, idNumber: string, stage: 'highSchool' | 'undergraduate', documents: Array<{ code: string; fileId: string }>) => ({
    draftId,
    scheme: 'school' as const,
    applicant: wangApplicant(WANG_ID),
    child: { name: '王小禾', idNumber, school: SCHOOL, stage, isNewStudent: true, specialFunded: false, otherFunding: false },
    documents,
  })

  test('金秋助学 is only for the household’s own children at their stage: a third high-school child of a household listing two is refused', async () => {
    const letter = await upload(WANG, 'admissionLetter')
    const third = errorOf(await cloud.callAction(WANG, aidActions.submitApplication, schoolFor('third-child-1', id18('11010520090101345'), 'highSchool', [{ code: 'admissionLetter', fileId: letter }])))
    expect(third.fields?.['child.idNumber']).toBe('家庭情况里填写了2个正在读普通高中的孩子，今年已经都申请过金秋助学；如果这个孩子也是家里的，请先在家庭情况里补充')
    const college = errorOf(await cloud.callAction(WANG, aidActions.submitApplication, schoolFor('college-child-1', id18('11010520060101345'), 'undergraduate', [{ code: 'admissionLetter', fileId: letter }])))
    expect(college.fields?.['child.stage']).toContain('家庭情况里没有正在读大学本科的孩子')
  })

  test('an uploaded file belongs to one application: attaching it to a second is refused', async () => {
    const letter = await upload(WANG, 'admissionLetter')
    const sameChild = id18('11010520090909124') // the child of the sealed-at-rest application
    const refused = errorOf(
      await cloud.callAction(WANG, aidActions.submitApplication, schoolFor('shared-file-1', sameChild, 'highSchool', [{ code: 'admissionLetter', fileId: letter }, { code: 'idCard', fileId: livingDocs[0].fileId }])),
    )
    expect(refused.fields?.documents).toBe('有材料已经用在您的另一份申请里，请为这份申请重新拍照上传')
    expect(await count('aid_uploads', { fileId: livingDocs[0].fileId, applicationId: z.string().parse((await adminDb().find('aid_applications', { scheme: 'living' }))[0]?._id) })).toBe(1)
  })

  test('a household is the family: her husband joins it by her code, and its once-per-household rules hold for him too', async () => {
    const HUSBAND = 'priv-husband'
    await cloud.db.seed({
      roles: [role(HUSBAND, 'u-tech', 'member', TECH_PATH)],
      ...aidPeopleSeed([{ openid: HUSBAND, name: '李建', idNumber: id18('11010519860202111') }]),
    })
    dataOf(await cloud.callAction(HUSBAND, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
    expect(errorOf(await cloud.callAction(HUSBAND, aidActions.joinHousehold, { code: 'ABC234' })).fields?.code).toBe('邀请码不对或已过期')
    const { code } = dataOf(await cloud.callAction(WANG, aidActions.inviteToHousehold, {}))
    dataOf(await cloud.callAction(HUSBAND, aidActions.joinHousehold, { code }))
    expect(dataOf(await cloud.callAction(HUSBAND, aidActions.getHousehold, {})).profile?.members).toHaveLength(3)
    const docs = [
      { code: 'idCard', fileId: await upload(HUSBAND, 'idCard') },
      { code: 'hukou', fileId: await upload(HUSBAND, 'hukou') },
      { code: 'incomeProof', fileId: await upload(HUSBAND, 'incomeProof') },
    ]
    const second = errorOf(
      await cloud.callAction(HUSBAND, aidActions.submitApplication, {
        draftId: 'husband-living-1',
        scheme: 'living',
        applicant: { phone: '13900139001', bankName: '中国建设银行望京支行', bankCard: card('621700123456789099') },
        statement: STATEMENT,
        documents: docs,
      }),
    )
    expect(second).toMatchObject({ code: 'CONFLICT', message: '您家今年已有一份生活救助或同类救助的申请正在办理中，请等办结后再申请' })
  })

  test('spouses who each file a household are one family: the second to apply is refused and asked to be invited, told nothing of the first', async () => {
    const couple = (tag: string, wifeBody: string, husbandBody: string) => ({
      wife: { openid: `fam-${tag}-wife`, name: `${tag === 'a' ? '孙' : '钱'}丽华`, idNumber: id18(wifeBody) },
      husband: { openid: `fam-${tag}-husband`, name: `${tag === 'a' ? '周' : '吴'}国强`, idNumber: id18(husbandBody) },
    })
    const a = couple('a', '11010519850303222', '11010519830404111')
    const b = couple('b', '11010519870505222', '11010519810606111')
    const people = [a.wife, a.husband, b.wife, b.husband]
    await cloud.db.seed({ roles: people.map((p) => role(p.openid, 'u-tech', 'member', TECH_PATH)), ...aidPeopleSeed(people) })
    const file = async (p: { openid: string }, spouseId?: string) => {
      dataOf(await cloud.callAction(p.openid, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION }))
      return dataOf(
        await cloud.callAction(p.openid, aidActions.saveHousehold, {
          profile: {
            members: [
              { relation: 'self', age: 40, health: 'serious', monthlyIncomeFen: 150_000 },
              { relation: 'spouse', age: 42, monthlyIncomeFen: 0, ...(spouseId ? { idNumber: spouseId } : {}) },
              { relation: 'child', age: 10, school: 'primary' },
            ],
            causes: ['illness', 'lowIncome'],
          },
        }),
      )
    }
    const apply = async (p: { openid: string }) =>
      cloud.callAction(p.openid, aidActions.submitApplication, {
        draftId: `${p.openid}-living`,
        scheme: 'living',
        applicant: { phone: '13900139002', bankName: '中国建设银行望京支行', bankCard: card('621700123456789077') },
        statement: STATEMENT,
        documents: [
          { code: 'idCard', fileId: await upload(p.openid, 'idCard') },
          { code: 'hukou', fileId: await upload(p.openid, 'hukou') },
          { code: 'incomeProof', fileId: await upload(p.openid, 'incomeProof') },
        ],
      })

    // couple a: she lists her husband's ID number and applies; he files his own household without her number
    const hers = await file(a.wife, a.husband.idNumber)
    expect(hers.sameFamily).toBeNull()
    dataOf(await apply(a.wife))
    // the profile comes back with the number masked; saved again unchanged, it keeps the number
    const back = dataOf(await cloud.callAction(a.wife.openid, aidActions.getHousehold, {})).profile
    expect(back?.members[1].idNumber).toBe('1101**********' + a.husband.idNumber.slice(-4))
    expect(JSON.stringify(await adminDb().find('aid_households', { _id: a.wife.openid }))).not.toContain(a.husband.idNumber)
    expect((await file(a.wife, back?.members[1].idNumber)).sameFamily).toBeNull()
    const his = await file(a.husband)
    expect(his.sameFamily).toBe('已有家庭成员建立了家庭档案，请让其邀请您加入')
    const refused = errorOf(await apply(a.husband))
    expect(refused.fields?.household).toBe('已有家庭成员建立了家庭档案，请让其邀请您加入')
    expect(JSON.stringify(refused)).not.toMatch(/孙|丽华|元/)

    // couple b: she files alone and applies first; he lists her ID number in his own household
    await file(b.wife)
    dataOf(await apply(b.wife))
    expect((await file(b.husband, b.wife.idNumber)).sameFamily).toBe('已有家庭成员建立了家庭档案，请让其邀请您加入')
    expect(errorOf(await apply(b.husband)).fields?.household).toBe('已有家庭成员建立了家庭档案，请让其邀请您加入')

    // invited by his wife, he joins her household: the family's rules are one household's
    const { code } = dataOf(await cloud.callAction(b.wife.openid, aidActions.inviteToHousehold, {}))
    dataOf(await cloud.callAction(b.husband.openid, aidActions.joinHousehold, { code }))
    expect(errorOf(await apply(b.husband)).message).toBe('您家今年已有一份生活救助或同类救助的申请正在办理中，请等办结后再申请')
  })

  test('only an adult family member’s ID number is asked for, and it must be a real one', async () => {
    const real = id18('11010519800101123')
    const mistyped = real.slice(0, 17) + (real[17] === '0' ? '1' : '0')
    const bad = errorOf(
      await cloud.callAction(WANG, aidActions.checkEligibility, {
        profile: { members: [{ relation: 'self', age: 38 }, { relation: 'child', age: 12, idNumber: id18('11010520140101123') }, { relation: 'spouse', age: 40, idNumber: mistyped }] },
      }),
    )
    expect(bad.fields?.['profile.members.1.idNumber']).toBe('只需填写配偶等成年家人的身份证号')
    expect(bad.fields?.['profile.members.2.idNumber']).toBe('身份证号最后一位校验码不对，请核对')
  })

  test('a non-member’s self-check uses the union she would join, from her workplace, and says so', async () => {
    const OUTSIDER = 'priv-outsider'
    await cloud.db.seed(aidPeopleSeed([{ openid: OUTSIDER, name: '赵路人', idNumber: UNUSED_ID }]))
    await adminDb().db.collection('member_profiles').doc(OUTSIDER).update({ data: { employer: '北京某建筑工程有限公司' } })
    const check = dataOf(await cloud.callAction(OUTSIDER, aidActions.checkEligibility, { profile: { members: [{ relation: 'self', age: 30, monthlyIncomeFen: 100_000 }] } }))
    expect(check.unionName).toBe('北京某建筑工程有限公司工会')
    expect(check.basis).toBe('您还不是会员，按您工作单位的北京某建筑工程有限公司工会（入会后您所在的工会）的帮扶标准测算')
    expect(check.isMember).toBe(false)
  })
})
