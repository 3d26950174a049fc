import { z } from 'zod'
import { aidActions } from '../../shared/aid/actions'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { inChina } from '../../shared/date'
import { membershipActions } from '../../shared/membership/actions'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { reviewActions } from '../../shared/requests/actions'
import type { LocalCloud } from '..'
import * as aidSeed from '../seed/aid'
import { actAs, operatorDb } from './act'
import { endNoticeNow } from './clock'

/**
 * 帮扶 at every stage on any date: 金秋助学 open now in the demo federation, 刘洋's application past its
 * 公示 (so 陈静 can record the payment), and 周健's waiting for 张建国's 初审 with its home visit.
 * Each step runs through the functions as the person who would take it; only the clock is moved.
 */
const CHAIR = 'demo-chair'
const STAFF = 'demo-staff'
const id18 = (first17: string) => first17 + idCheckChar(first17)
const card = (first: string) => first + luhnCheckDigit(first)

/** A one-pixel-high grey JPEG: the uploads are stand-ins, the demo never shows a real document. */
const STAND_IN = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

/** The school window runs from a week ago to a month ahead, whatever today is (the seed's 7–8月 is a real one). */
async function openSchoolWindow(now: Date): Promise<void> {
  const day = inChina(now)
  const window = { start: day.subtract(7, 'day').format('MM-DD'), end: day.add(30, 'day').format('MM-DD') }
  const config = aidSeed.seed.aid_config[0]
  const schemes = config.schemes.map((s) => (s.code === 'school' ? { ...s, window } : s))
  await operatorDb().collection('aid_config').doc(config._id).update({ data: { schemes } })
}

async function upload(cloud: LocalCloud, openid: string, docCode: string): Promise<string> {
  const slot = await actAs(cloud, openid, aidActions.startUpload, { docCode, contentType: 'image/jpeg', size: STAND_IN.length })
  for (let i = 0; i < slot.chunkCount; i++) {
    const data = STAND_IN.subarray(i * slot.chunkBytes, (i + 1) * slot.chunkBytes).toString('base64')
    await actAs(cloud, openid, aidActions.uploadChunk, { uploadId: slot.uploadId, index: i, data })
  }
  return (await actAs(cloud, openid, aidActions.finishUpload, { uploadId: slot.uploadId })).fileId
}

interface Family {
  openid: string
  name: string
  idFirst17: string
  phone: string
  child: { name: string; idFirst17: string; school: string }
}

/** A member's family (李强's household figures, from the seed) applies for 金秋助学 for a university student. */
async function applyForSchool(cloud: LocalCloud, f: Family): Promise<{ applicationId: string; requestId: string }> {
  // the applicant is the member's own profile, whose ID number needs its separate consent (as on the phone)
  await actAs(cloud, f.openid, membershipActions.giveConsent, { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION })
  await actAs(cloud, f.openid, membershipActions.giveConsent, { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION })
  await actAs(cloud, f.openid, aidActions.saveHousehold, { profile: { ...aidSeed.households[0].profile, worker: { isMigrant: false, livesInCity: true, employmentStart: null } } })
  await actAs(cloud, f.openid, aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION })
  const letter = await upload(cloud, f.openid, 'admissionLetter')
  const submitted = await actAs(cloud, f.openid, aidActions.submitApplication, {
    draftId: `demo-${f.openid}`,
    scheme: 'school',
    applicant: { name: f.name, idNumber: id18(f.idFirst17), phone: f.phone, bankName: '中国工商银行望京支行', bankCard: card('622202020011' + f.phone.slice(-6)) },
    child: { name: f.child.name, idNumber: id18(f.child.idFirst17), school: f.child.school, stage: 'undergraduate', isNewStudent: true, specialFunded: false, otherFunding: false },
    documents: [{ code: 'admissionLetter', fileId: letter }],
  })
  return { applicationId: submitted.applicationId, requestId: submitted.requestId }
}

const Version = z.number().int()
async function approve(cloud: LocalCloud, openid: string, requestId: string, reason: string): Promise<void> {
  const version = Version.parse((await actAs(cloud, openid, reviewActions.getRequest, { requestId })).request.version)
  await actAs(cloud, openid, reviewActions.act, { requestId, decision: 'approve', reason, expectedVersion: version })
}

export async function createDemoAid(cloud: LocalCloud, now = new Date()): Promise<void> {
  await openSchoolWindow(now)
  const liu = await applyForSchool(cloud, {
    openid: 'seed-liuyang',
    name: '刘洋',
    idFirst17: '13062819880214005',
    phone: '13900000005',
    child: { name: '刘思远', idFirst17: '13062820060901002', school: '北京某理工大学' },
  })
  await actAs(cloud, CHAIR, aidActions.recordHomeVisit, { applicationId: liu.applicationId, visitedOn: inChina(now).subtract(12, 'day').format('YYYY-MM-DD'), note: '入户查看，一家四口租住工地宿舍，妻子慢性病长期服药，情况属实。' })
  await approve(cloud, CHAIR, liu.requestId, '情况属实，同意上报')
  await approve(cloud, STAFF, liu.requestId, '')
  await endNoticeNow(cloud, liu.applicationId, now)

  await applyForSchool(cloud, {
    openid: 'seed-zhoujian',
    name: '周健',
    idFirst17: '37028419860611007',
    phone: '13900000007',
    child: { name: '周雨桐', idFirst17: '37028420060520004', school: '北京某师范大学' },
  })
}
