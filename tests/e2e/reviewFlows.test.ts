import { mkdirSync } from 'fs'
import { join } from 'path'
import type { Page } from 'playwright-core'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { AidConfigDoc } from '../../shared/aid/config'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'
import { adminDb } from '../functions/adminDb'
import { aidPeopleSeed } from '../helpers/aidPeople'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'

/**
 * The reviewer's flows on the H5 build, by tapping only, from the home screen: 张建国 approves 李强's
 * hardship aid from 待办 with the home visit on the same screen; 李强 sends a pending request to his chair
 * as a link and the chair decides from it while anyone else sees only that it exists; the counts on 首页
 * and 我的. Screenshots at 375×812 go to .tmp/screens/.
 */
jest.setTimeout(240_000)

const app = h5AppForFile()
const { tapText, see } = pageActions({ field: 'placeholder', visibleOnly: true })
const SHOTS = join(__dirname, '..', '..', '.tmp', 'screens')
const LI_ID = '11010519780101123' + idCheckChar('11010519780101123')
const LI_CARD = '622202020011234567' + luhnCheckDigit('622202020011234567')
const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']

async function phoneAs(name: string): Promise<Page> {
  const page = await app.signedIn(name)
  await page.setViewportSize({ width: 375, height: 812 })
  return page
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `uiflows-${name}.png`) })
/** Runs in the page: the number on the visible 待办审批 tile, 0 when it shows none. */
const visibleBadge = (): number => {
  const shown = Array.from(document.querySelectorAll('.home__badge')).find((el) => el.checkVisibility())
  return shown ? Number(shown.textContent) : 0
}
/** Taro's own modal (showModal): its confirm button. */
const confirmModal = (page: Page) => page.locator('.taro-model__confirm').filter({ visible: true }).first().tap()

let aidRequestId = ''

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  const cloud = app.cloud()
  const db = adminDb()
  // 李强 joined his employer's union and gave the separate consent (both flows are tested on their own)
  if ((await db.count('roles', { openid: 'demo-migrant', unionId: 'u-build', role: 'member' })) === 0) {
    await cloud.db.seed({
      roles: [{ _id: 'r-flows-demo-migrant', openid: 'demo-migrant', unionId: 'u-build', role: 'member', unionPath: BUILD_PATH, grantedAt: new Date('2024-06-01T02:00:00Z'), grantedBy: 'seed' }],
    })
  }
  // his member profile holds his ID number (an aid applicant is the profile, not a typed number)
  if ((await db.count('member_profiles', { _id: 'demo-migrant' })) === 0) {
    await cloud.db.seed(withLocalPrivacyKeys(() => aidPeopleSeed([{ openid: 'demo-migrant', name: '李强', idNumber: LI_ID }])))
  }
  const consent = await cloud.callAs('demo-migrant', 'aid', 'recordConsent', { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION })
  expect(consent.ok).toBe(true)
  // documents are checked in the aid tests; here the reviewer's screens are what is tried
  const config = AidConfigDoc.parse((await db.find('aid_config', { _id: 'u-district' }))[0])
  await db.db
    .collection('aid_config')
    .doc('u-district')
    .update({ data: { schemes: config.schemes.map((s) => (s.code === 'living' ? { ...s, documents: s.documents.map((d) => ({ ...d, required: false })) } : s)) } })
  const filed = await cloud.callAs('demo-migrant', 'aid', 'submitApplication', {
    draftId: 'flows-living-0001',
    scheme: 'living',
    applicant: { name: '李强', idNumber: LI_ID, phone: '13800138000', bankName: '中国工商银行望京支行', bankCard: LI_CARD },
    statement: '妻子慢性病长期服药，两个孩子上学，收入不够开销。',
    documents: [],
  })
  if (!filed.ok) throw new Error(`李强的生活救助申请没有提交成功：${filed.error.message}`)
  aidRequestId = (filed.data as { requestId: string }).requestId
})

describe('张建国 approves hardship aid from 待办, by tapping only', () => {
  it('sees how many wait on 首页, opens the request from 待办, records the home visit there and approves', async () => {
    const chair = await phoneAs('张建国')
    await see(chair, '待办审批')
    // the tile carries the count (the tab bar too)
    await chair.locator('.home__badge').filter({ visible: true }).first().waitFor({ timeout: STEP_MS })
    const before = Number(await chair.locator('.home__badge').filter({ visible: true }).first().textContent())
    expect(before).toBeGreaterThanOrEqual(1)
    await shot(chair, 'home-chair')

    await tapText(chair, '待办审批')
    await see(chair, /困难帮扶申请 · 申请人 李\*$/)
    await shot(chair, 'pending')
    await tapText(chair, /困难帮扶申请 · 申请人 李\*$/)
    await chair.waitForURL(/\/packages\/review\/detail\?id=/, { timeout: STEP_MS })
    await see(chair, '入户调查（初审通过前必须填写）')
    expect(await chair.content()).not.toContain(LI_ID)
    await shot(chair, 'detail-home-visit')

    // 通过 before the visit: the app takes him to the form instead of a dead end
    await tapText(chair, '通过')
    await tapText(chair, '确认通过')
    await confirmModal(chair)
    await see(chair, '！请先填写入户调查情况')

    await tapText(chair, '+ 已入户查看，家庭成员与申请一致')
    await tapText(chair, '+ 病情或致困原因属实')
    await tapText(chair, '保存入户调查')
    await see(chair, /已入户查看，家庭成员与申请一致；病情或致困原因属实/)
    await tapText(chair, '通过')
    await tapText(chair, '确认通过')
    await confirmModal(chair)
    await see(chair, '审核中')
    await shot(chair, 'detail-approved')
    const [stored] = await adminDb().find('requests', { _id: aidRequestId })
    expect(stored).toMatchObject({ status: 'in_review', step: 1 })

    // back on 首页 the count went down. 首页 shows its tiles first and asks for the counts after: reading the badge as
    // soon as 待办审批 showed could read it before the count came (no badge, or the old number), so wait for the
    // answer to pendingCount and for the tile to show the new number; if it never does, the expect says what it shows
    const counted = chair.waitForResponse((r) => r.url().includes('/api/fn/review') && (r.request().postData() ?? '').includes('pendingCount'))
    await chair.goto('/')
    await counted
    await see(chair, '待办审批')
    const expected = before - 1
    await chair.waitForFunction(`(${visibleBadge.toString()})() === ${expected}`, undefined, { timeout: STEP_MS }).catch(() => undefined)
    expect(await chair.evaluate(visibleBadge)).toBe(expected)
  })
})

describe('李强 sends a pending request to his chair; only the chair can open it', () => {
  let link = ''

  it('李强 finds it under 我的 → 我的申请 and copies the link from the share sheet', async () => {
    const filed = await app.cloud().callAs('demo-migrant', 'review', 'submitMatter', { unionId: 'u-build', category: 'certificate', title: '开具在职会员证明', detail: '孩子入学需要工会出具会员证明' })
    expect(filed.ok).toBe(true)
    const migrant = await phoneAs('李强')
    await see(migrant, '我的申请进度')
    await see(migrant, '开具会员证明')
    await shot(migrant, 'home-applicant')
    await migrant.goto('/pages/me/index')
    await see(migrant, '隐私与授权')
    await shot(migrant, 'me')
    // the row takes the tap on itself, not on its title
    await migrant.locator('.ght-cell').filter({ hasText: '我的申请', visible: true }).first().tap()
    await tapText(migrant, '开具会员证明')
    await see(migrant, '催一催审批')
    await tapText(migrant, '发给审批人')
    await see(migrant, '复制链接发给审批人')
    await shot(migrant, 'share-sheet')
    link = (await migrant.locator('.rv-sheet__link').filter({ visible: true }).first().textContent()) ?? ''
    expect(link).toMatch(/\/packages\/review\/detail\?id=[A-Za-z0-9_-]+$/)
    await tapText(migrant, '复制链接')
    await see(migrant, '内容已复制')
  })

  it('王芳 opens the same link and learns only that it exists', async () => {
    const worker = await phoneAs('王芳')
    await worker.goto(new URL(link).pathname + new URL(link).search)
    await see(worker, '这份申请只有相关的人能看')
    const html = await worker.content()
    for (const secret of ['开具会员证明', '开具在职会员证明', '孩子入学', '李*', '事项申请']) expect(html).not.toContain(secret)
    expect(await worker.getByText('重试').filter({ visible: true }).count()).toBe(0)
    await shot(worker, 'shared-outsider')
  })

  it('张建国 opens it and decides in one screen', async () => {
    const chair = await phoneAs('张建国')
    await chair.goto(new URL(link).pathname + new URL(link).search)
    await see(chair, '开具在职会员证明')
    await shot(chair, 'shared-chair')
    await tapText(chair, '通过')
    await tapText(chair, '确认通过')
    await confirmModal(chair)
    await see(chair, '已通过')
    await shot(chair, 'shared-chair-approved')
  })
})
