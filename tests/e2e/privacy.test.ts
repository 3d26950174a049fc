import type { Page } from 'playwright-core'
import { AID_CONSENT_VERSION } from '../../shared/aid/consent'
import { ID_NUMBER_CONSENT_VERSION, PRIVACY_POLICY_VERSION } from '../../shared/membership/consentTexts'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'

/**
 * 我的 → 隐私与授权 on the H5 build: 李强 sees the consents he gave and who viewed his full ID number,
 * and withdraws one after a confirmation that says what will happen. Set SHOT_DIR to keep 375×812 screenshots.
 */
const LIQIANG_ID = '41272419900307001' + idCheckChar('41272419900307001')

jest.setTimeout(180_000)

const app = h5AppForFile()
const { see } = pageActions({ field: 'placeholder', visibleOnly: true })
const shot = async (page: Page, name: string) => {
  if (process.env.SHOT_DIR) await page.screenshot({ path: `${process.env.SHOT_DIR}/${name}.png` })
}

beforeAll(async () => {
  const cloud = app.cloud()
  const as = async (openid: string, fn: string, action: string, input: unknown) => {
    const answer = await cloud.callAs(openid, fn, action, input)
    if (!answer.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(answer.error)}`)
    return answer.data as Record<string, unknown>
  }
  await as('demo-migrant', 'membership', 'giveConsent', { purpose: 'privacy_policy', version: PRIVACY_POLICY_VERSION })
  await as('demo-migrant', 'membership', 'giveConsent', { purpose: 'id_number', version: ID_NUMBER_CONSENT_VERSION })
  await as('demo-migrant', 'aid', 'recordConsent', { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION })
  await as('demo-migrant', 'membership', 'saveProfile', { name: '李强', phone: '13800000000', idNumber: LIQIANG_ID, workerType: 'employee', employer: '北京某建筑工程有限公司', job: '钢筋工', area: '望京街道' })
  const { requestId } = await as('demo-migrant', 'membership', 'submitApplication', { unionId: 'u-build', employer: '北京某建筑工程有限公司', job: '钢筋工', acceptCharter: true })
  await as('demo-chair', 'review', 'revealSensitive', { requestId, field: 'idNumber' })
})

describe('隐私与授权 in the browser', () => {
  let li: Page

  it('lists 李强’s consents and who viewed his full ID number, never a full number', async () => {
    li = await app.signedIn('李强')
    // the 我的 row that opens it is covered by tests/client/pages.test.tsx
    await li.goto('/packages/about/privacy/index')
    await see(li, '我的授权')
    await see(li, '帮扶申请敏感信息单独授权')
    await see(li, /北京某建筑工程有限公司工会 工会主席 张\*国 查看了您入会申请中的身份证号/)
    expect(await li.content()).not.toContain(LIQIANG_ID)
    await shot(li, 'privacy-list')
    await li.getByText('谁看过我的完整信息').filter({ visible: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(li, 'privacy-access-log')
  })

  it('withdraws the aid consent after a confirmation that says what happens', async () => {
    const row = li.locator('.privacy__consent', { hasText: '帮扶申请敏感信息单独授权' }).filter({ visible: true })
    await row.getByText('撤回同意').tap()
    await see(li, /撤回后，不能再提交或修改帮扶、助学申请/)
    // the modal fades in: the screenshot waits until it is fully shown
    await li.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
    await shot(li, 'privacy-confirm')
    await li.locator('.taro-model__confirm').tap()
    await row.getByText(/已撤回/).waitFor({ timeout: STEP_MS })
    expect(await row.getByText('撤回同意').count()).toBe(0)
    await shot(li, 'privacy-withdrawn')
  })
})
