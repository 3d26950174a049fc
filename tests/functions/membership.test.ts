import { z } from 'zod'
import { membershipActions } from '../../shared/membership/actions'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'
import { parseCardToken } from '../../shared/membership/cardToken'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { reviewActions } from '../../shared/requests/actions'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { issueCardToken } from '../../server/membership/cardToken'
import { assertNoSensitive } from '../helpers/sensitiveSweep'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'
import { dataOf, errorOf } from '../helpers/envelopes'

// Functions run in this process: give them the local cloud's dev field keys, as the local cloud does for its own runs.
process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

let cloud: TestCloud

const withCheck = (first17: string) => first17 + idCheckChar(first17)
/** 李强's made-up but valid ID number (河南, born 1990-03-07, male). */
const LIQIANG_ID = withCheck('41272419900307001')
const OTHER_IDS = {
  wu: withCheck('11010219930215002'),
  he: withCheck('13010219910808003'),
  ma: withCheck('21010219890101004'),
}
const ALL_IDS = [LIQIANG_ID, ...Object.values(OTHER_IDS)]

const P = {
  migrant: 'demo-migrant',
  chair: 'demo-chair',
  staff: 'demo-staff',
  worker: 'demo-worker',
  liuyang: 'seed-liuyang',
  wu: 'mt-wu',
  he: 'mt-he',
  ma: 'mt-ma',
}

/** Every answer a phone received, swept for unmasked ID numbers at the end. */
const answers: unknown[] = []

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  await cloud.db.seed({ notify_config: [{ _id: 'templates', ids: { reviewTodo: 'tpl-review-todo', reviewResult: 'tpl-review-result' } }] })
})
afterAll(() => cloud.cleanup())

type Actions = typeof membershipActions
async function call<K extends keyof Actions>(openid: string, name: K, input: z.input<Actions[K]['input']>) {
  const envelope = await cloud.callAction(openid, membershipActions[name], input)
  answers.push(envelope)
  return envelope
}
const review = async <K extends 'act' | 'getRequest' | 'listPending'>(openid: string, name: K, input: z.input<(typeof reviewActions)[K]['input']>) => {
  const envelope = await cloud.callAction(openid, reviewActions[name], input)
  answers.push(envelope)
  return envelope
}
const approve = (openid: string, requestId: string, expectedVersion: number) =>
  cloud.callAction(openid, reviewActions.act, { requestId, decision: 'approve', expectedVersion }).then((e) => (answers.push(e), e))

const bankNotices = (openid: string) => cloud.callAs(openid, 'notify', 'recordSubscribe', { results: { reviewTodo: 'accept', reviewResult: 'accept' } })
const consentAll = async (openid: string) => {
  dataOf(await call(openid, 'giveConsent', { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION }))
  dataOf(await call(openid, 'giveConsent', { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION }))
}
const profileOf = (name: string, idNumber: string, employer = '北京某建筑工程有限公司') => ({
  name,
  phone: '13700000000',
  idNumber,
  workerType: 'employee' as const,
  employer,
  job: '钢筋工',
  area: '望京街道',
})
const counts = async (collections: string[]) => Object.fromEntries(await Promise.all(collections.map(async (c) => [c, await adminDb().count(c)] as const)))
const storedRequest = async (id: string) => {
  const [doc] = await adminDb().find('requests', { _id: id })
  return z.object({ status: z.string(), step: z.number(), version: z.number(), submittedAt: z.date() }).parse(doc)
}
const memberNoCounter = async () => z.object({ value: z.number() }).parse((await adminDb().find('membership_counters', { _id: 'membership.memberNo' }))[0]).value

describe('profile, consent and the sealed ID number', () => {
  it('refuses an ID number before the separate ID consent, and stores nothing', async () => {
    dataOf(await call(P.migrant, 'giveConsent', { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION }))
    const before = await counts(['member_profiles', 'member_id_claims'])
    const refused = errorOf(await call(P.migrant, 'saveProfile', profileOf('李强', LIQIANG_ID)))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '请先同意身份证号的单独授权，再继续' })
    expect(await counts(['member_profiles', 'member_id_claims'])).toEqual(before)
  })

  it('refuses the whole profile before the privacy notice is agreed', async () => {
    const refused = errorOf(await call(P.wu, 'saveProfile', { ...profileOf('吴敏', OTHER_IDS.wu), idNumber: undefined }))
    expect(refused.code).toBe('FORBIDDEN')
    expect(refused.message).toContain('个人信息保护说明')
  })

  it('refuses bad input field by field in Chinese, and stores nothing', async () => {
    const before = await counts(['member_profiles', 'member_id_claims', 'consents'])
    const bad = errorOf(
      await cloud.callAs(P.migrant, 'membership', 'saveProfile', {
        name: '李',
        phone: '1380000',
        idNumber: LIQIANG_ID.slice(0, 17) + (LIQIANG_ID[17] === '1' ? '2' : '1'),
        workerType: 'boss',
        employer: '',
        job: '',
      }),
    )
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.fields).toMatchObject({
      name: '请填写真实姓名（至少2个字）',
      phone: '请填写11位手机号码',
      idNumber: '身份证号最后一位校验码不对，请核对',
      workerType: '请选择您的就业方式',
      job: '请填写岗位或工种',
    })
    const noEmployer = errorOf(await cloud.callAs(P.migrant, 'membership', 'saveProfile', { ...profileOf('李强', LIQIANG_ID), employer: ' ' }))
    expect(noEmployer.fields).toEqual({ employer: '请填写工作单位全称' })
    const badApplication = errorOf(await cloud.callAs(P.migrant, 'membership', 'submitApplication', { unionId: 'u build!', employer: 'x'.repeat(51), job: '', acceptCharter: false }))
    expect(badApplication.fields).toMatchObject({
      unionId: '工会编号不正确',
      employer: '单位名称最多50个字',
      job: '请填写岗位或工种',
      acceptCharter: '请阅读并同意遵守《中国工会章程》',
    })
    const badTransfer = errorOf(await cloud.callAs(P.migrant, 'membership', 'requestTransfer', { toUnionId: '', employer: '某公司', job: '工人', reason: 'x'.repeat(101) }))
    expect(badTransfer.fields).toMatchObject({ toUnionId: '请选择工会', reason: '转会原因最多100个字' })
    const badRetain = errorOf(await cloud.callAs(P.worker, 'membership', 'retainMembership', { reason: 'bored', confirm: false }))
    expect(badRetain.fields).toMatchObject({ reason: '请选择保留会籍的原因', confirm: '请确认保留会籍' })
    expect(await counts(['member_profiles', 'member_id_claims', 'consents'])).toEqual(before)
  })

  it('stores the ID number encrypted with a keyed hash and answers only the masked form', async () => {
    dataOf(await call(P.migrant, 'giveConsent', { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION }))
    // 李强 is a 钢筋工 from the countryside: he answers 是 to 农民工, carried onto his stints below
    const saved = dataOf(await call(P.migrant, 'saveProfile', { ...profileOf('李强', LIQIANG_ID), migrant: true }))
    expect(saved).toMatchObject({
      name: '李强',
      migrant: true,
      idNumberMasked: `${LIQIANG_ID.slice(0, 4)}**********${LIQIANG_ID.slice(-4)}`,
      phoneMasked: '137****0000',
      gender: 'male',
      consents: { privacy_policy: true, id_number: true },
      complete: true,
      missing: [],
    })
    const [raw] = await adminDb().find('member_profiles', { _id: P.migrant })
    expect(JSON.stringify(raw)).not.toContain(LIQIANG_ID)
    expect(JSON.stringify(raw)).not.toContain(LIQIANG_ID.slice(6, 14))
    expect(raw.idNumber).toMatchObject({ enc: { ct: expect.any(String), iv: expect.any(String), tag: expect.any(String), v: 1 }, hash: expect.stringMatching(/^[0-9a-f]{64}$/), masked: saved.idNumberMasked })
    expect(await adminDb().count('member_id_claims', { openid: P.migrant })).toBe(1)
  })

  it('binds the phone WeChat verified through getPhoneNumber, and refuses a stale code', async () => {
    const bound = dataOf(await call(P.migrant, 'bindPhone', { code: 'demo-13800000000' }))
    expect(bound.phoneMasked).toBe('138****0000')
    const [raw] = await adminDb().find('member_profiles', { _id: P.migrant })
    expect(raw).toMatchObject({ phone: '13800000000', phoneVerified: true })
    const stale = errorOf(await call(P.migrant, 'bindPhone', { code: 'expired-code' }))
    expect(stale).toMatchObject({ code: 'INVALID_INPUT', fields: { code: '手机号授权已失效' } })
  })

  it('never tells a second account that the ID number is used: saved pending, the first account keeps the claim', async () => {
    await consentAll(P.staff)
    const saved = dataOf(await call(P.staff, 'saveProfile', profileOf('陈静', LIQIANG_ID)))
    expect(saved.idNumberMasked).toBe(`${LIQIANG_ID.slice(0, 4)}**********${LIQIANG_ID.slice(-4)}`)
    expect(await adminDb().count('member_id_claims', { openid: P.migrant })).toBe(1)
    const [staff] = await adminDb().find('member_profiles', { _id: P.staff })
    expect(staff.idPending).toBe(true)
  })

  it('suggests the employer’s union first, then street federations (属地)', async () => {
    const { items } = dataOf(await call(P.migrant, 'suggestUnions', {}))
    expect(items[0]).toMatchObject({ union: { _id: 'u-build' }, match: 'employer', matchLabel: '您单位的工会' })
    expect(items.filter((i) => i.match === 'territory').map((i) => i.union._id)).toEqual(expect.arrayContaining(['u-street-wangjing']))
    expect(items.some((i) => i.union._id === 'u-street-gig')).toBe(false)
  })
})

describe('入会: apply → the chair is told → approve → card → verify', () => {
  let requestId = ''
  let token = ''

  it('refuses a district federation and a gig-worker federation for an employee', async () => {
    const district = errorOf(await call(P.migrant, 'submitApplication', { unionId: 'u-district', employer: '北京某建筑工程有限公司', job: '钢筋工', acceptCharter: true }))
    expect(district).toMatchObject({ code: 'INVALID_INPUT', fields: { unionId: expect.stringContaining('区县总工会不直接受理') } })
    const gig = errorOf(await call(P.migrant, 'submitApplication', { unionId: 'u-street-gig', employer: '北京某建筑工程有限公司', job: '钢筋工', acceptCharter: true }))
    expect(gig.fields?.unionId).toContain('新就业形态')
  })

  it('submits, and the chair gets a reviewTodo message that opens the request, plus an inbox item', async () => {
    await bankNotices(P.chair)
    await bankNotices(P.migrant)
    cloud.outbox.clear()
    const submitted = dataOf(await call(P.migrant, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '钢筋工', acceptCharter: true }))
    expect(submitted).toMatchObject({ unionName: '北京某建筑工程有限公司工会', status: '待审核', alreadySubmitted: false })
    requestId = submitted.requestId

    const sent = cloud.outbox.list().filter((m) => m.touser === P.chair)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ templateId: 'tpl-review-todo', touser: 'demo-chair', page: `packages/review/detail?id=${requestId}` })
    expect(sent[0].data).toMatchObject({ thing1: { value: '入会申请' }, name2: { value: '李*' }, phrase4: { value: '待审批' } })
    expect(z.object({ value: z.string() }).parse(sent[0].data.time3).value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    const inbox = await adminDb().find('inbox', { openid: P.chair, requestId })
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ page: `packages/review/detail?id=${requestId}` })
    assertNoSensitive([cloud.outbox.list(), inbox], ALL_IDS)

    const mine = dataOf(await call(P.migrant, 'myMembership', {}))
    expect(mine).toMatchObject({ current: null, openRequest: { requestId, kind: 'membership.join', unionName: '北京某建筑工程有限公司工会', statusLabel: '待审核' } })
  })

  it('shows the chair what to decide on, with the ID number masked', async () => {
    const seen = dataOf(await review(P.chair, 'getRequest', { requestId }))
    const fields = Object.fromEntries(seen.fields.map((f) => [f.label, f.value]))
    expect(fields).toMatchObject({
      姓名: '李强',
      身份证号: `${LIQIANG_ID.slice(0, 4)}**********${LIQIANG_ID.slice(-4)}`,
      手机号: '138****0000',
      工作单位: '北京某建筑工程有限公司',
      岗位或工种: '钢筋工',
      是否农民工: '是',
      申请加入: '北京某建筑工程有限公司工会',
    })
    expect(fields['提交时间']).toMatch(/^\d{4}年/)
    expect(seen.fields.find((f) => f.label === '身份证号')).toMatchObject({ sensitive: 'idNumber', revealKey: 'idNumber' })
    // the heading names him as the body does: in full for the chair who is given the full name
    expect(seen.request).toMatchObject({ title: '李强申请入会', applicantName: '李强' })
    // the 待办 list, which shows no body, keeps the masked name
    expect(dataOf(await review(P.chair, 'listPending', {})).items.find((i) => i.id === requestId)).toMatchObject({ title: '李*申请入会', applicantName: '李*' })
    // and 李强 sees his own name on his own request
    expect(dataOf(await review(P.migrant, 'getRequest', { requestId })).request).toMatchObject({ title: '李强申请入会', applicantName: '李强' })
  })

  it('lets nobody but the target union’s reviewers decide', async () => {
    for (const outsider of [P.worker, P.migrant, 'nobody-at-all']) {
      const refused = errorOf(await approve(outsider, requestId, 1))
      expect(refused.code).toBe('FORBIDDEN')
    }
    expect(await storedRequest(requestId)).toMatchObject({ status: 'submitted', version: 1 })
  })

  it('approves: member number from the counter, stint, member role, and the applicant is told', async () => {
    const counterBefore = await memberNoCounter()
    cloud.outbox.clear()
    // every SDK request is a network hop in production (issue 13): 33 before the approve path was trimmed
    // (bench/round-trips.ts: 23 for an approval without the ID check; confirming 李强's ID claim adds 2)
    const tripsBefore = cloud.adminRequests()
    const done = dataOf(await approve(P.chair, requestId, 1))
    // 23 + 2 for the ID claim + 3 for 年度数据 (one running-total write per level: union, street, district)
    expect(cloud.adminRequests() - tripsBefore).toBeLessThanOrEqual(28)
    expect(done.request).toMatchObject({ status: 'approved' })
    expect(await memberNoCounter()).toBe(counterBefore + 1)
    // the member grant names its union, so an event sign-up need not read the union
    expect(await adminDb().find('roles', { openid: P.migrant, role: 'member' })).toEqual([expect.objectContaining({ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会' })])
    // the applicant's exclusive key is free again (freed after the commit, only while it names this request)
    expect(await adminDb().count('request_locks', { requestId })).toBe(0)

    const mine = dataOf(await call(P.migrant, 'myMembership', {}))
    expect(mine.openRequest).toBeNull()
    expect(mine.current).toMatchObject({ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', memberNo: `GH${String(counterBefore + 1).padStart(8, '0')}`, status: 'active', statusLabel: '正常' })
    expect(mine.history).toHaveLength(1)
    expect(await adminDb().count('roles', { openid: P.migrant, unionId: 'u-build', role: 'member' })).toBe(1)
    expect(await adminDb().count('memberships', { openid: P.migrant, unionId: 'u-build', status: 'active', migrant: true })).toBe(1)

    const result = cloud.outbox.list().filter((m) => m.touser === P.migrant)
    expect(result).toHaveLength(1)
    expect(result[0]).toMatchObject({ templateId: 'tpl-review-result', page: `packages/membership/status/index?id=${requestId}` })
    expect(result[0].data).toMatchObject({ thing1: { value: '入会申请' }, phrase2: { value: '已通过' } })
  })

  it('shows the applicant the timeline with each step’s time, and hides it from everyone else', async () => {
    const timeline = dataOf(await call(P.migrant, 'getApplication', { requestId }))
    expect(timeline).toMatchObject({ kindLabel: '入会申请', statusLabel: '已通过', steps: [{ label: '基层工会审核', unionName: '北京某建筑工程有限公司工会', state: 'done' }] })
    expect(timeline.history.map((h) => [h.actionLabel, h.actorName])).toEqual([
      ['提交申请', '李*'],
      ['审核通过', '张建国'],
    ])
    expect(errorOf(await call(P.worker, 'getApplication', { requestId })).code).toBe('NOT_FOUND')
  })

  it('issues a signed card token that a chair can verify, masked', async () => {
    const card = dataOf(await call(P.migrant, 'cardToken', {}))
    token = card.token
    expect(card).toMatchObject({ name: '李强', unionName: '北京某建筑工程有限公司工会', statusLabel: '正常' })
    expect(card.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000)
    expect(card.token).not.toContain(card.memberNo)
    const verified = dataOf(await call(P.chair, 'verifyCard', { token }))
    expect(verified).toMatchObject({ valid: true, nameMasked: '李*', memberNoMasked: `GH****${card.memberNo.slice(-4)}`, unionName: '北京某建筑工程有限公司工会', inYourUnion: true })
    const byStaff = dataOf(await call(P.staff, 'verifyCard', { token }))
    expect(byStaff).toMatchObject({ valid: true, inYourUnion: true })
  })

  it('refuses card checks by members, and reports forged, altered and expired tokens as invalid', async () => {
    expect(errorOf(await call(P.worker, 'verifyCard', { token })).code).toBe('FORBIDDEN')
    expect(errorOf(await call(P.migrant, 'verifyCard', { token })).code).toBe('FORBIDDEN')
    const parsed = parseCardToken(token)
    if (!parsed) throw new Error('card token did not parse')
    const forged = `GHT1.${parsed.membershipId}.${(parsed.expiresAt + 3600).toString(36)}.${parsed.signature}`
    expect(dataOf(await call(P.chair, 'verifyCard', { token: forged }))).toEqual({ valid: false, reason: '二维码无效，可能被改动或伪造' })
    const guessed = `GHT1.${parsed.membershipId}.${parsed.expiresAt.toString(36)}.${'A'.repeat(22)}`
    expect(dataOf(await call(P.chair, 'verifyCard', { token: guessed })).valid).toBe(false)
    const old = issueCardToken(parsed.membershipId, new Date(Date.now() - 301_000))
    expect(dataOf(await call(P.chair, 'verifyCard', { token: old.token }))).toEqual({ valid: false, reason: '二维码已过期，请会员刷新会员卡后重新出示' })
    expect(dataOf(await call(P.chair, 'verifyCard', { token: 'GH00000007' }))).toEqual({ valid: false, reason: '这不是工会会员卡的二维码' })
  })

  it('refuses a second application from a member of any union', async () => {
    const again = errorOf(await call(P.migrant, 'submitApplication', { unionId: 'u-tech', employer: '北京某科技有限公司', job: '保安', acceptCharter: true }))
    expect(again.code).toBe('CONFLICT')
    expect(again.message).toContain('您已经是北京某建筑工程有限公司工会的会员')
    const noConsent = errorOf(await call(P.worker, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '测试', acceptCharter: true }))
    expect(noConsent.code).toBe('FORBIDDEN')
    await consentAll(P.worker)
    const worker = errorOf(await call(P.worker, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '测试', acceptCharter: true }))
    expect(worker).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('您已经是北京某科技有限公司工会的会员') })
  })
})

describe('one application at a time, once per tap', () => {
  beforeAll(async () => {
    for (const [openid, name, id] of [
      [P.wu, '吴敏', OTHER_IDS.wu],
      [P.he, '何志强', OTHER_IDS.he],
      [P.ma, '马丽', OTHER_IDS.ma],
    ] as const) {
      await consentAll(openid)
      dataOf(await call(openid, 'saveProfile', profileOf(name, id)))
    }
  })

  it('refuses a second application while one is pending, and a repeat to the same union finds the first', async () => {
    const first = dataOf(await call(P.wu, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '电工', acceptCharter: true }))
    const before = await counts(['requests', 'membership_applications'])
    const elsewhere = errorOf(await call(P.wu, 'submitApplication', { unionId: 'u-street-wangjing', employer: '北京某建筑工程有限公司', job: '电工', acceptCharter: true }))
    expect(elsewhere).toMatchObject({ code: 'CONFLICT', message: '您已有一份入会或转会申请正在办理中，请等待处理结果后再提交' })
    const repeat = dataOf(await call(P.wu, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '电工', acceptCharter: true }))
    expect(repeat).toMatchObject({ requestId: first.requestId, alreadySubmitted: true })
    expect(await counts(['requests', 'membership_applications'])).toEqual(before)
  })

  it('a double tap (two submits at once) creates one application', async () => {
    const before = await counts(['requests', 'membership_applications', 'request_history'])
    const input = { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '木工', acceptCharter: true as const }
    const [a, b] = await Promise.all([call(P.he, 'submitApplication', input), call(P.he, 'submitApplication', input)])
    const ids = [a, b].filter((e) => e.ok).map((e) => dataOf(e).requestId)
    expect(ids.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ids).size).toBe(1)
    expect(await adminDb().count('requests', { applicantOpenid: P.he })).toBe(1)
    expect(await counts(['requests', 'membership_applications', 'request_history'])).toEqual({
      requests: before.requests + 1,
      membership_applications: before.membership_applications + 1,
      request_history: before.request_history + 1,
    })
  })

  it('concurrent approvals of one application: exactly one approval and one member number', async () => {
    const { requestId } = dataOf(await call(P.ma, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '资料员', acceptCharter: true }))
    const counterBefore = await memberNoCounter()
    // the chair and the street federation's staff (who supervises the subtree) both approve version 1
    const results = await Promise.all([approve(P.chair, requestId, 1), approve(P.staff, requestId, 1), approve(P.chair, requestId, 1)])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((e) => !e.ok)) expect(errorOf(r).code).toBe('CONFLICT')
    expect(await memberNoCounter()).toBe(counterBefore + 1)
    expect(await adminDb().count('memberships', { openid: P.ma })).toBe(1)
    expect(await adminDb().count('roles', { openid: P.ma, role: 'member' })).toBe(1)
    expect(await adminDb().count('request_history', { requestId, action: 'approve' })).toBe(1)
    expect(await storedRequest(requestId)).toMatchObject({ status: 'approved', version: 2 })
  })

  it('a rejected applicant may apply again (a new request, not the old one)', async () => {
    const pending = dataOf(await call(P.wu, 'myMembership', {})).openRequest
    if (!pending) throw new Error('吴敏 should have a pending application')
    const rejected = await cloud.callAction(P.chair, reviewActions.act, { requestId: pending.requestId, decision: 'reject', reason: '不是本单位职工', expectedVersion: 1 })
    expect(rejected.ok).toBe(true)
    expect(dataOf(await call(P.wu, 'myMembership', {})).openRequest).toBeNull()
    const timeline = dataOf(await call(P.wu, 'getApplication', { requestId: pending.requestId }))
    expect(timeline.history[1]).toMatchObject({ actionLabel: '驳回', reason: '不是本单位职工' })
    const again = dataOf(await call(P.wu, 'submitApplication', { unionId: 'u-street-wangjing', employer: '北京某小作坊', job: '电工', acceptCharter: true }))
    expect(again.requestId).not.toBe(pending.requestId)
    expect(again.alreadySubmitted).toBe(false)
  })

  it('withdrawing through the review function frees the slot for another application', async () => {
    const open = dataOf(await call(P.wu, 'myMembership', {})).openRequest
    if (!open) throw new Error('吴敏 should have a pending application')
    const timeline = dataOf(await call(P.wu, 'getApplication', { requestId: open.requestId }))
    expect(timeline).toMatchObject({ canWithdraw: true, version: 1 })
    expect(dataOf(await call(P.staff, 'getApplication', { requestId: open.requestId })).canWithdraw).toBe(false)
    const withdrawn = await cloud.callAction(P.wu, reviewActions.withdraw, { requestId: open.requestId, expectedVersion: 1, reason: '' })
    expect(withdrawn.ok).toBe(true)
    expect(dataOf(await call(P.wu, 'myMembership', {})).openRequest).toBeNull()
    expect(dataOf(await call(P.wu, 'getApplication', { requestId: open.requestId }))).toMatchObject({ statusLabel: '已撤回', canWithdraw: false })
  })
})

describe('转会: release by the old union or by the timer, acceptance by the new one', () => {
  it('moves 李强 from 建筑公司 to 科技公司, keeping his number and his history', async () => {
    const before = dataOf(await call(P.migrant, 'myMembership', {}))
    const { requestId } = dataOf(await call(P.migrant, 'requestTransfer', { toUnionId: 'u-tech', employer: '北京某科技有限公司', job: '保安', reason: '换了工作单位' }))
    const timeline = dataOf(await call(P.migrant, 'getApplication', { requestId }))
    expect(timeline.steps).toEqual([
      { label: '原工会转出', unionName: '北京某建筑工程有限公司工会', state: 'current' },
      { label: '新工会接收', unionName: '北京某科技有限公司工会', state: 'waiting' },
    ])
    expect(timeline.autoReleaseAt).not.toBeNull()

    // 王芳 is only a member of the new union; she cannot release or accept
    expect(errorOf(await approve(P.worker, requestId, 1)).code).toBe('FORBIDDEN')
    const released = dataOf(await approve(P.chair, requestId, 1))
    expect(released.request).toMatchObject({ status: 'in_review', step: 1 })
    // the old union's chair cannot also accept on the new union's behalf
    expect(errorOf(await approve(P.chair, requestId, 2)).code).toBe('FORBIDDEN')
    dataOf(await approve(P.staff, requestId, 2))

    const after = dataOf(await call(P.migrant, 'myMembership', {}))
    expect(after.current).toMatchObject({ unionId: 'u-tech', memberNo: before.current?.memberNo, status: 'active' })
    expect(after.history.map((s) => [s.unionId, s.status])).toEqual([
      ['u-tech', 'active'],
      ['u-build', 'transferred'],
    ])
    expect(after.history[1].to).not.toBeNull()
    expect(await adminDb().count('roles', { openid: P.migrant, role: 'member' })).toBe(1)
    expect(await adminDb().count('roles', { openid: P.migrant, unionId: 'u-tech', role: 'member' })).toBe(1)
    // the transfer carries his 农民工 answer onto the new stint
    expect(await adminDb().count('memberships', { openid: P.migrant, unionId: 'u-tech', status: 'active', migrant: true })).toBe(1)
    const card = dataOf(await call(P.migrant, 'cardToken', {}))
    expect(card.unionName).toBe('北京某科技有限公司工会')
    expect(dataOf(await call(P.chair, 'verifyCard', { token: card.token }))).toMatchObject({ valid: true, inYourUnion: false })
  })

  it('refuses a transfer to the union one already belongs to, and from a non-member', async () => {
    expect(errorOf(await call(P.migrant, 'requestTransfer', { toUnionId: 'u-tech', employer: '北京某科技有限公司', job: '保安', reason: '' })).message).toBe('您已经是这个工会的会员，无需转会')
    expect(errorOf(await call(P.he, 'requestTransfer', { toUnionId: 'u-tech', employer: '北京某科技有限公司', job: '木工', reason: '' })).code).toBe('CONFLICT')
  })

  it('releases automatically when the old union does not act within the configured days', async () => {
    await consentAll(P.liuyang)
    const { requestId } = dataOf(await call(P.liuyang, 'requestTransfer', { toUnionId: 'u-tech', employer: '北京某科技有限公司', job: '后勤', reason: '' }))
    expect(await cloud.invokeTimer('membership', 'autoReleaseTransfers')).toMatchObject({ ok: true, data: { released: 0 } })
    expect(await storedRequest(requestId)).toMatchObject({ status: 'submitted', step: 0 })

    // sixteen days pass without the old union acting
    const [doc] = await adminDb().find('requests', { _id: requestId })
    await cloud.db.seed({ requests: [{ ...doc, submittedAt: new Date(Date.now() - 16 * 86_400_000) }] })
    cloud.outbox.clear()
    await bankNotices(P.staff)
    expect(await cloud.invokeTimer('membership', 'autoReleaseTransfers')).toMatchObject({ ok: true, data: { released: 1 } })
    expect(await storedRequest(requestId)).toMatchObject({ status: 'in_review', step: 1, version: 2 })
    const timeline = dataOf(await call(P.liuyang, 'getApplication', { requestId }))
    expect(timeline.history.map((h) => [h.actionLabel, h.actorName])).toEqual([
      ['提交申请', '刘*'],
      ['原工会逾期未处理，自动转出', '系统'],
    ])
    expect(timeline.steps.map((s) => s.state)).toEqual(['done', 'current'])
    // the new union's reviewers are told it now waits for them
    expect(cloud.outbox.list().filter((m) => m.touser === P.staff && m.page?.endsWith(requestId))).toHaveLength(1)
    // a second run finds nothing more to release
    expect(await cloud.invokeTimer('membership', 'autoReleaseTransfers')).toMatchObject({ ok: true, data: { released: 0 } })

    dataOf(await approve(P.staff, requestId, 2))
    expect(dataOf(await call(P.liuyang, 'myMembership', {})).current).toMatchObject({ unionId: 'u-tech', memberNo: 'GH00000002' })
  })
})

describe('保留会籍 and 退会', () => {
  it('retains, shows it on the card, resumes, then leaves with the history kept', async () => {
    const retained = dataOf(await call(P.worker, 'retainMembership', { reason: 'retired', confirm: true }))
    expect(retained.current).toMatchObject({ status: 'retained', statusLabel: '保留会籍', retainReason: 'retired' })
    expect(dataOf(await call(P.worker, 'cardToken', {})).statusLabel).toBe('保留会籍')
    expect(errorOf(await call(P.worker, 'retainMembership', { reason: 'retired', confirm: true })).message).toBe('只有正常状态的会员可以申请保留会籍')
    expect(dataOf(await call(P.worker, 'resumeMembership', { confirm: true })).current?.status).toBe('active')

    const { token } = dataOf(await call(P.worker, 'cardToken', {}))
    const left = dataOf(await call(P.worker, 'leaveUnion', { confirm: true, reason: '' }))
    expect(left.current).toBeNull()
    expect(left.history[0]).toMatchObject({ unionId: 'u-tech', status: 'left' })
    expect(await adminDb().count('roles', { openid: P.worker, role: 'member' })).toBe(0)
    expect(dataOf(await call(P.chair, 'verifyCard', { token }))).toEqual({ valid: false, reason: '这张会员卡已失效（会籍已转出或已退会）' })
    expect(errorOf(await call(P.worker, 'cardToken', {})).code).toBe('NOT_FOUND')
  })

  it('refuses to let a chair leave the union they chair, and a non-member to leave', async () => {
    expect(errorOf(await call(P.chair, 'leaveUnion', { confirm: true, reason: '' })).message).toBe('您在本工会担任职务，请先办理职务交接后再退会')
    expect(errorOf(await call(P.worker, 'leaveUnion', { confirm: true, reason: '' })).message).toBe('您目前没有会籍')
  })

  it('refuses callers without a WeChat identity', async () => {
    expect(errorOf(await cloud.callAs('', 'membership', 'myMembership', {})).code).toBe('UNAUTHENTICATED')
  })
})

describe('nothing unmasked leaves the server', () => {
  it('no answer, message or inbox item carries an ID number or ciphertext', async () => {
    assertNoSensitive(answers, ALL_IDS)
    assertNoSensitive(cloud.outbox.list(), ALL_IDS)
    assertNoSensitive(await adminDb().find('inbox'), ALL_IDS)
    assertNoSensitive(await adminDb().find('outbox'), ALL_IDS)
  })

  it('no stored membership document holds an ID number in plain text', async () => {
    for (const collection of ['member_profiles', 'membership_applications', 'member_id_claims', 'requests', 'request_history']) {
      assertNoSensitive(await adminDb().find(collection), ALL_IDS, { allowSealed: true })
    }
  })
})

describe('退回修改: the applicant corrects what the reviewer asked about, and the reviewer sees what changed', () => {
  it('refreshes the returned application from the corrected profile and shows 修改前 / 修改后', async () => {
    const who = 'mb-return'
    const idNumber = withCheck('37010219870505006')
    await consentAll(who)
    dataOf(await call(who, 'saveProfile', { ...profileOf('周强', idNumber), job: '力工' }))
    const { requestId } = dataOf(await call(who, 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '力工', acceptCharter: true }))
    const first = dataOf(await review(P.chair, 'getRequest', { requestId }))
    dataOf(await cloud.callAction(P.chair, reviewActions.act, { requestId, decision: 'return', reason: '岗位请写具体工种', expectedVersion: first.request.version }))
    dataOf(await call(who, 'saveProfile', { ...profileOf('周强', idNumber), idNumber: undefined, job: '钢筋工' }))
    const returned = await storedRequest(requestId)
    dataOf(await cloud.callAction(who, reviewActions.resubmit, { requestId, expectedVersion: returned.version }))
    const again = dataOf(await review(P.chair, 'getRequest', { requestId }))
    expect(again.fields).toEqual(expect.arrayContaining([
      { label: '岗位或工种', value: '钢筋工' },
      { label: '修改：岗位或工种', value: '修改前「力工」 → 修改后「钢筋工」' },
    ]))
    expect(again.fields.filter((f) => f.label.startsWith('修改：'))).toHaveLength(1)
    expect(again.viewer.canAct).toBe(true)
  })
})
