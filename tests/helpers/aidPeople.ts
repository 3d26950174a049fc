import { ID_NUMBER_CONSENT_VERSION } from '../../shared/membership/consentTexts'
import type { MemberProfileRecord } from '../../shared/membership/records'
import { sealSensitive } from '../../server/privacy/crypto'

/**
 * The member profile an aid applicant is (the applicant is the profile, never a typed ID number):
 * name and ID number sealed exactly as membership.saveProfile stores them, with the separate consent
 * for the ID number. Needs GHT_FIELD_KEY / GHT_HASH_KEY in process.env (LOCAL_PRIVACY_ENV).
 */
export function aidPerson(openid: string, name: string, idNumber: string, at = new Date('2024-01-01T00:00:00Z')) {
  const profile: MemberProfileRecord = {
    _id: openid,
    openid,
    name,
    phone: '13800138000',
    phoneVerified: true,
    idNumber: sealSensitive(idNumber, 'idNumber'),
    gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    birthYear: Number(idNumber.slice(6, 10)),
    workerType: 'employee',
    migrant: false,
    employer: '',
    job: '职工',
    area: '',
    currentMembershipId: null,
    openRequest: null,
    requestSeq: 0,
    createdAt: at,
    updatedAt: at,
  }
  const consent = { _id: `c-id-${openid}`, openid, purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION, grantedAt: at, onBehalfOf: null, withdrawn: false, recordedBy: openid }
  return { profile, consent }
}

/** Seed rows for several people at once: `{ member_profiles, consents }`. */
export function aidPeopleSeed(people: ReadonlyArray<{ openid: string; name: string; idNumber: string }>) {
  const rows = people.map((p) => aidPerson(p.openid, p.name, p.idNumber))
  return { member_profiles: rows.map((r) => r.profile), consents: rows.map((r) => r.consent) }
}
