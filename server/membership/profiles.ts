import { AppError } from '../../shared/contract'
import { MemberProfileRecord } from '../../shared/membership/records'
import type { ProfileView } from '../../shared/membership/schemas'
import { maskPhone } from '../../shared/privacy/mask'
import type { Ctx } from '../context'
import { findById } from '../db'
import { hasConsent, requireConsent } from '../privacy/consent'
import { runInTransaction, txGet, txSet, type Transaction } from '../requests/tx'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'

export const PROFILES = 'member_profiles'

export async function loadProfile(ctx: Pick<Ctx, 'db'>, openid: string): Promise<MemberProfileRecord | null> {
  return findById(ctx.db.collection(PROFILES), openid, MemberProfileRecord)
}

/** A profile with nothing filled in yet: what a first-time worker starts from. */
export function blankProfile(openid: string, now: Date): MemberProfileRecord {
  return {
    _id: openid,
    openid,
    name: '',
    phone: null,
    phoneVerified: false,
    idNumber: null,
    gender: null,
    birthYear: null,
    workerType: 'employee',
    migrant: false,
    employer: '',
    job: '',
    area: '',
    currentMembershipId: null,
    openRequest: null,
    requestSeq: 0,
    createdAt: now,
    updatedAt: now,
  }
}

/** What an application still needs, in the words the form uses. */
export function missingForApplication(p: MemberProfileRecord): string[] {
  const missing: string[] = []
  if (!p.name) missing.push('姓名')
  if (!p.phone) missing.push('手机号')
  if (!p.idNumber) missing.push('身份证号')
  if (p.workerType === 'employee' && !p.employer) missing.push('工作单位')
  if (!p.job) missing.push('岗位')
  return missing
}

export function profileView(p: MemberProfileRecord, consents: ProfileView['consents']): ProfileView {
  const missing = missingForApplication(p)
  if (!consents.privacy_policy) missing.unshift('同意个人信息保护说明')
  return {
    name: p.name,
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    idNumberMasked: p.idNumber ? p.idNumber.masked : null,
    gender: p.gender,
    workerType: p.workerType,
    migrant: p.migrant,
    employer: p.employer,
    job: p.job,
    area: p.area,
    consents,
    complete: missing.length === 0,
    missing,
  }
}

/** The caller's profile, complete enough to apply, or a Chinese list of what is missing. */
export async function completeProfileOrThrow(ctx: Ctx): Promise<MemberProfileRecord> {
  const profile = await loadProfile(ctx, ctx.openid)
  const missing = profile ? missingForApplication(profile) : ['姓名', '手机号', '身份证号', '岗位']
  if (!profile || missing.length) throw new AppError('INVALID_INPUT', `请先完善个人信息：${missing.join('、')}`, { profile: `还需要：${missing.join('、')}` })
  return profile
}

/** The consents the profile page shows, each of the text version in force now. */
export async function consentsOf(ctx: Pick<Ctx, 'db' | 'openid'>): Promise<ProfileView['consents']> {
  const [privacy_policy, id_number] = await Promise.all([
    hasConsent(ctx.db, ctx.openid, 'privacy_policy', { version: PRIVACY_POLICY_VERSION }),
    hasConsent(ctx.db, ctx.openid, 'id_number', { version: ID_NUMBER_CONSENT_VERSION }),
  ])
  return { privacy_policy, id_number }
}

/** FORBIDDEN unless the privacy notice (and, with `idNumber`, the separate ID consent) of the current version is agreed. */
export async function requireMembershipConsents(ctx: Pick<Ctx, 'db' | 'openid'>, opts: { idNumber: boolean }): Promise<void> {
  await requireConsent(ctx, 'privacy_policy', { version: PRIVACY_POLICY_VERSION })
  if (opts.idNumber) await requireConsent(ctx, 'id_number', { version: ID_NUMBER_CONSENT_VERSION })
}

export async function profileViewOf(ctx: Ctx): Promise<ProfileView> {
  const [profile, consents] = await Promise.all([loadProfile(ctx, ctx.openid), consentsOf(ctx)])
  return profileView(profile ?? blankProfile(ctx.openid, ctx.now), consents)
}

/**
 * Reads the caller's profile (or a blank one) inside a transaction, lets `change` edit it, and
 * stores the result. `change` may read and write other single documents through `tx`.
 */
export async function updateProfile(
  ctx: Ctx,
  change: (tx: Transaction, profile: MemberProfileRecord) => Promise<MemberProfileRecord>,
): Promise<MemberProfileRecord> {
  return runInTransaction(ctx.db, async (tx) => {
    const raw = await txGet(tx, PROFILES, ctx.openid)
    const before = raw === null ? blankProfile(ctx.openid, ctx.now) : MemberProfileRecord.parse(raw)
    const after = await change(tx, before)
    const { _id, ...doc } = MemberProfileRecord.parse({ ...after, updatedAt: ctx.now })
    await txSet(tx, PROFILES, _id, doc)
    return { ...after, updatedAt: ctx.now }
  })
}
