import type { Page } from 'playwright-core'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'

/**
 * 入会 end to end on the H5 build (`NODE_ENV=production npx taro build --type h5`), served by the local
 * cloud with dev sign-in: 李强 fills his profile and applies to his employer's union, 张建国 sees the
 * message and the 待办 item and approves, 李强 opens his member card.
 */
const LIQIANG_ID = '41272419900307001' + idCheckChar('41272419900307001')

jest.setTimeout(180_000)

const { signedIn } = h5AppForFile()

const { tapText, fill, see } = pageActions({ field: 'placeholder', visibleOnly: false })

describe('入会 in the browser: apply, approve in the chair’s 待办, show the card and the dues', () => {
  let migrant: Page

  it('李强 agrees to the privacy notice, consents separately to the ID number and fills his profile', async () => {
    migrant = await signedIn('李强')
    await migrant.goto('/packages/membership/index')
    await see(migrant, '第一步：填写个人信息')
    await tapText(migrant, /第一步：填写个人信息/)
    await see(migrant, '工会通个人信息保护说明')
    await tapText(migrant, '同意并继续')
    await fill(migrant, '请填写身份证上的姓名', '李强')
    await fill(migrant, '11位手机号', '13800000000')
    await fill(migrant, '请填写单位全称', '北京某建筑工程有限公司')
    await fill(migrant, '如：钢筋工、外卖骑手', '钢筋工')
    await tapText(migrant, '我单独同意工会为办理入会收集、使用我的身份证号')
    await fill(migrant, '18位，最后一位可能是X', LIQIANG_ID)
    await tapText(migrant, '保存')
    await see(migrant, /^已保存/)
    await see(migrant, `已填写：${LIQIANG_ID.slice(0, 4)}**********${LIQIANG_ID.slice(-4)}`)
    expect(await migrant.content()).not.toContain(LIQIANG_ID)
  })

  it('李强 finds his employer’s union and applies; the draft is prefilled from the profile', async () => {
    await migrant.goto('/packages/membership/find/index')
    await see(migrant, '您单位的工会')
    await tapText(migrant, '申请加入 ›')
    await see(migrant, '北京某建筑工程有限公司工会')
    const job = migrant.locator('taro-input-core[name="job"] input')
    expect(await job.inputValue()).toBe('钢筋工')
    // the draft survives closing the app: change a field, reload, and it is still there
    await job.fill('钢筋班组长')
    await migrant.reload()
    await see(migrant, '北京某建筑工程有限公司工会')
    await migrant.waitForFunction(() => document.querySelector<HTMLInputElement>('taro-input-core[name="job"] input')?.value === '钢筋班组长', undefined, { timeout: STEP_MS })
    await tapText(migrant, '我自愿加入中国工会，承认并遵守《中国工会章程》')
    await tapText(migrant, '提交入会申请')
    await see(migrant, '办理记录')
    await see(migrant, '待审核')
    await see(migrant, '基层工会审核')
    // submitted: the draft is gone, so the form starts from the profile again next time
    expect(await migrant.evaluate(() => window.localStorage.getItem('draft:membership.join'))).toBeNull()
  })

  it('张建国 sees the message in his inbox and the item in his 待办, and approves it', async () => {
    const chair = await signedIn('张建国')
    await chair.goto('/packages/inbox/index')
    await see(chair, /李\*提交的入会申请/)
    await chair.goto('/packages/review/index')
    await see(chair, '李*申请入会')
    await tapText(chair, '李*申请入会')
    await see(chair, `${LIQIANG_ID.slice(0, 4)}**********${LIQIANG_ID.slice(-4)}`)
    // the heading names him as the body below does (the chair is given his name in full to decide)
    await see(chair, '李强申请入会')
    await see(chair, '申请人：李强')
    expect(await chair.getByText('李*申请入会', { exact: true }).filter({ visible: true }).count()).toBe(0)
    expect(await chair.content()).not.toContain(LIQIANG_ID)
    await tapText(chair, '通过')
    await tapText(chair, '确认通过')
    // the page asks once more in a modal (Taro.showModal) before it sends the decision
    await chair.locator('.taro-model__confirm').tap()
    await see(chair, '已通过')
  })

  it('李强 sees his status approved and opens his member card with a signed QR', async () => {
    await migrant.goto('/packages/membership/card/index')
    await see(migrant, '北京某建筑工程有限公司工会')
    await see(migrant, /^GH\d{8}$/)
    const qr = migrant.locator('.qr-code').first()
    await qr.waitFor({ timeout: STEP_MS })
    expect(await qr.getAttribute('data-qr-text')).toMatch(/^GHT1\./)
    expect(await qr.locator('.qr-code__dark').count()).toBeGreaterThan(50)
  })

  it('李强 works out his monthly dues: 5009 yuan counts as 5000, 25.00 yuan a month', async () => {
    await migrant.goto('/packages/membership/dues/index')
    await fill(migrant, '如：5009', '5009')
    await see(migrant, '5000.00 元')
    await see(migrant, '25.00 元')
  })
})
