import { z } from 'zod'
import { seed } from '../../local-cloud/seed/core'
import { reviewActions } from '../../shared/requests/actions'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { SealedField } from '../../shared/privacy/sealed'
import { AppError } from '../../shared/contract/envelope'
import type { Writer } from '../../server/notify/transaction'
import { AuditEntry, revealSensitive } from '../../server/privacy/audit'
import { recordConsent, requireConsent, withdrawConsent } from '../../server/privacy/consent'
import { sealSensitive } from '../../server/privacy/crypto'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { adminDb } from './adminDb'

/**
 * The privacy core on the real database engine: sealed values as stored, the audited full view
 * (in-process and through the compiled `review` function), and consent records.
 */
const fullId = '11010119900307123' + idCheckChar('11010119900307123')
const childId = '11010120150612002' + idCheckChar('11010120150612002')

let cloud: TestCloud
const savedEnv = { ...process.env }
beforeAll(async () => {
  // the keys the local cloud gives every function (functions run in this process and read its env)
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud()
  await cloud.db.seed({
    ...seed,
    roles: [
      ...seed.roles,
      { _id: 'r-vc-plain', openid: 'wx-vice-plain', unionId: 'u-build', role: 'vice_chair', unionPath: ['u-district', 'u-street-wangjing', 'u-build'], grantedAt: new Date(), grantedBy: 'seed' },
      { _id: 'r-vc-approver', openid: 'wx-vice-approver', unionId: 'u-build', role: 'vice_chair', unionPath: ['u-district', 'u-street-wangjing', 'u-build'], grantedAt: new Date(), grantedBy: 'seed', approver: true },
      { _id: 'r-other-chair', openid: 'wx-other-chair', unionId: 'u-tech', role: 'chair', unionPath: ['u-district', 'u-street-wangjing', 'u-tech'], grantedAt: new Date(), grantedBy: 'seed' },
    ],
  })
  const db = adminDb().db
  await db.collection('membership_applications').add({
    data: { _id: 'app-1', openid: 'demo-migrant', idNumber: sealSensitive(fullId, 'idNumber'), children: [{ idNumber: sealSensitive(childId, 'idNumber') }], employer: '北京某建筑工程有限公司' },
  })
  await db.collection('requests').add({ data: requestDoc('req-1', 'app-1') })
})
afterAll(async () => {
  await cloud.cleanup()
  for (const key of ['GHT_FIELD_KEY', 'GHT_HASH_KEY'] as const) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
})

function requestDoc(_id: string, subjectId: string) {
  const at = new Date('2025-03-07T02:00:00Z')
  return {
    _id,
    kind: 'membership.join',
    applicantOpenid: 'demo-migrant',
    applicantName: '李*',
    unionId: 'u-build',
    unionPath: ['u-district', 'u-street-wangjing', 'u-build'],
    status: 'in_review',
    step: 0,
    chain: [
      { unionId: 'u-build', unionPath: ['u-district', 'u-street-wangjing', 'u-build'], unionName: '北京某建筑工程有限公司工会', roles: ['chair', 'vice_chair'], label: '基层工会审核' },
    ],
    reviewUnionId: 'u-build',
    reviewUnionPath: ['u-district', 'u-street-wangjing', 'u-build'],
    summary: { title: '入会申请', subtitle: '' },
    subjectRef: { collection: 'membership_applications', id: subjectId },
    submittedAt: at,
    updatedAt: at,
    dueAt: null,
    overdue: false,
    version: 1,
    closedAt: null,
    lastReason: '',
    exclusiveKey: '',
  }
}

const ctxOf = (openid: string) => ({ db: adminDb().db, openid, now: new Date() })
const auditFor = async (actorOpenid: string) => (await adminDb().find('audit_log', { actorOpenid })).map((d) => AuditEntry.parse(d))
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  )

describe('sealed values in the database', () => {
  it('store ciphertext, keyed hash and the masked form, never the number', async () => {
    const [stored] = await adminDb().find('membership_applications', { _id: 'app-1' })
    const sealed = SealedField.parse(stored.idNumber)
    expect(sealed.masked).toBe(`${fullId.slice(0, 4)}**********${fullId.slice(-4)}`)
    assertNoSensitive(stored, [fullId, childId], { allowSealed: true })
  })

  it('find a duplicate by keyed hash without decrypting anything', async () => {
    const again = sealSensitive(fullId, 'idNumber')
    const hits = await adminDb().find('membership_applications', { 'idNumber.hash': again.hash })
    expect(hits.map((h) => h._id)).toEqual(['app-1'])
  })
})

describe('revealSensitive', () => {
  it('gives the chair of the reviewing union the full value and writes the audit entry with it', async () => {
    const shown = await revealSensitive(ctxOf('demo-chair'), { requestId: 'req-1', field: 'idNumber' })
    expect(shown).toEqual({ value: fullId, masked: `${fullId.slice(0, 4)}**********${fullId.slice(-4)}` })
    const entries = await auditFor('demo-chair')
    expect(entries).toEqual([
      expect.objectContaining({ action: 'reveal_field', subjectCollection: 'membership_applications', subjectId: 'app-1', field: 'idNumber', requestId: 'req-1' }),
    ])
    assertNoSensitive(entries, [fullId])
  })

  it('opens a nested field by path', async () => {
    expect((await revealSensitive(ctxOf('demo-chair'), { requestId: 'req-1', field: 'children.0.idNumber' })).value).toBe(childId)
  })

  it('lets street-federation staff above the union open it, and a vice-chair only when the chair designated them', async () => {
    expect((await revealSensitive(ctxOf('demo-staff'), { requestId: 'req-1', field: 'idNumber' })).value).toBe(fullId)
    expect(await codeOf(revealSensitive(ctxOf('wx-vice-plain'), { requestId: 'req-1', field: 'idNumber' }))).toBe('FORBIDDEN')
    expect((await revealSensitive(ctxOf('wx-vice-approver'), { requestId: 'req-1', field: 'idNumber' })).value).toBe(fullId)
  })

  it('refuses the applicant, a member, another union\'s chair and an outsider, and logs nothing for them', async () => {
    for (const openid of ['demo-migrant', 'demo-worker', 'wx-other-chair', 'wx-stranger', 'wx-vice-plain']) {
      expect(await codeOf(revealSensitive(ctxOf(openid), { requestId: 'req-1', field: 'idNumber' }))).toBe('FORBIDDEN')
      expect(await auditFor(openid)).toEqual([])
    }
  })

  it('answers NOT_FOUND for an unknown request or a field that is not sealed, without an audit entry', async () => {
    const before = (await auditFor('demo-chair')).length
    expect(await codeOf(revealSensitive(ctxOf('demo-chair'), { requestId: 'req-missing', field: 'idNumber' }))).toBe('NOT_FOUND')
    expect(await codeOf(revealSensitive(ctxOf('demo-chair'), { requestId: 'req-1', field: 'employer' }))).toBe('NOT_FOUND')
    expect(await codeOf(revealSensitive(ctxOf('demo-chair'), { requestId: 'req-1', field: 'children.5.idNumber' }))).toBe('NOT_FOUND')
    expect((await auditFor('demo-chair')).length).toBe(before)
  })

  it('works the same through the compiled review function, and refuses there too', async () => {
    const shown = await cloud.callAction('demo-staff', reviewActions.revealSensitive, { requestId: 'req-1', field: 'idNumber' })
    expect(shown).toMatchObject({ ok: true, data: { value: fullId } })
    const refused = await cloud.callAction('wx-other-chair', reviewActions.revealSensitive, { requestId: 'req-1', field: 'idNumber' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    assertNoSensitive(refused, [fullId])
    expect((await auditFor('demo-staff')).length).toBe(2)
  })
})

describe('consent records', () => {
  const sdkDb = (): { runTransaction: (fn: (tx: Writer) => Promise<unknown>) => Promise<unknown> } => adminDb().db

  it('refuses in plain Chinese until the consent is recorded, then lets through', async () => {
    const ctx = ctxOf('wx-consenter')
    await expect(requireConsent(ctx, 'id_number', { version: '2025-01' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/身份证号/) })
    await recordConsent(ctx.db, { openid: 'wx-consenter', purpose: 'id_number', version: '2025-01' })
    await expect(requireConsent(ctx, 'id_number', { version: '2025-01' })).resolves.toBeUndefined()
    // another purpose is a separate consent (PIPL Art. 29)
    await expect(requireConsent(ctx, 'sensitive_aid')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // someone else's consent is not mine
    await expect(requireConsent(ctxOf('wx-other'), 'id_number')).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('asks again when the text changes, and after a withdrawal', async () => {
    const ctx = ctxOf('wx-versioned')
    await recordConsent(ctx.db, { openid: 'wx-versioned', purpose: 'privacy_policy', version: '2025-01', at: new Date('2025-01-02T00:00:00Z') })
    await expect(requireConsent(ctx, 'privacy_policy', { version: '2025-06' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await recordConsent(ctx.db, { openid: 'wx-versioned', purpose: 'privacy_policy', version: '2025-06', at: new Date('2025-06-02T00:00:00Z') })
    await expect(requireConsent(ctx, 'privacy_policy', { version: '2025-06' })).resolves.toBeUndefined()
    await withdrawConsent(ctx.db, { openid: 'wx-versioned', purpose: 'privacy_policy', version: '2025-06', at: new Date('2025-07-01T00:00:00Z') })
    await expect(requireConsent(ctx, 'privacy_policy')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // the history is kept
    expect(await adminDb().count('consents', { openid: 'wx-versioned' })).toBe(3)
  })

  it('records a guardian\'s consent for one child inside the transaction that stores the child, and only for that child', async () => {
    await sdkDb().runTransaction(async (tx) => {
      await recordConsent(tx, { openid: 'wx-parent', purpose: 'guardian_minor', version: '2025-01', onBehalfOf: 'child-1' })
      await tx.collection('membership_applications').add({ data: { _id: 'app-child', openid: 'wx-parent' } })
    })
    const ctx = ctxOf('wx-parent')
    await expect(requireConsent(ctx, 'guardian_minor', { onBehalfOf: 'child-1' })).resolves.toBeUndefined()
    await expect(requireConsent(ctx, 'guardian_minor', { onBehalfOf: 'child-2' })).rejects.toMatchObject({ message: expect.stringMatching(/监护人/) })
    await expect(requireConsent(ctx, 'guardian_minor')).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('leaves no consent behind when the transaction it was part of fails', async () => {
    await expect(
      sdkDb().runTransaction(async (tx) => {
        await recordConsent(tx, { openid: 'wx-rolled-back', purpose: 'sensitive_aid', version: '2025-01' })
        throw new AppError('INVALID_INPUT', '材料不全')
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await adminDb().count('consents', { openid: 'wx-rolled-back' })).toBe(0)
  })

  it('records who took down a worker\'s consent for 代办', async () => {
    await recordConsent(adminDb().db, { openid: 'demo-migrant', purpose: 'proxy_filing', version: '2025-01', recordedBy: 'demo-chair' })
    const [doc] = await adminDb().find('consents', { openid: 'demo-migrant', purpose: 'proxy_filing' })
    expect(z.object({ recordedBy: z.string(), withdrawn: z.boolean() }).parse(doc)).toEqual({ recordedBy: 'demo-chair', withdrawn: false })
    await expect(requireConsent(ctxOf('demo-chair'), 'proxy_filing', { openid: 'demo-migrant' })).resolves.toBeUndefined()
  })
})

