import type { Page } from 'playwright-core'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'
import { expectReadableControls, saveScreen } from './support/screenCheck'

/**
 * NutUI where it fits (issue 11, Look), seen at 375×812 on the H5 build: the filter rows of subpackage lists
 * are NutUI Tabs, their empty lists NutUI Empty with our own picture and words, the inbox's 未读 a NutUI Badge,
 * and the two native dialogs Taro draws on H5 (the picker and showModal) confirm in the app's red, not weui's
 * green. Each screen goes to .tmp/screens/nutui-*.png and its controls must be readable.
 */
jest.setTimeout(240_000)

const app = h5AppForFile()
const { see, tapText } = pageActions({ field: 'name' })
const APP_RED = 'rgb(200, 22, 29)'
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })
const tapButton = (page: Page, text: string) => visible(page, 'taro-button-core').filter({ hasText: text }).first().tap()

async function phone(name: string): Promise<Page> {
  const page = await app.signedIn(name)
  await page.setViewportSize({ width: 375, height: 812 })
  return page
}

async function shot(page: Page, name: string): Promise<void> {
  await saveScreen(page, `nutui-${name}`)
  await expectReadableControls(page, name)
}

/** The tab row's chosen title, once it says `label`. */
async function chosenTab(page: Page, label: string | RegExp): Promise<void> {
  await visible(page, '.nut-tabs-titles-item-active').filter({ hasText: label }).first().waitFor({ timeout: STEP_MS })
}

/** NutUI's Empty is shown, with our words and our own picture: no image fetched from NutUI's (JD's) server. */
async function seeEmpty(page: Page, title: string): Promise<void> {
  await visible(page, '.nut-empty').filter({ hasText: title }).first().waitFor({ timeout: STEP_MS })
  expect(await visible(page, '.nut-empty img').count()).toBe(0)
  expect(await visible(page, '.nut-empty .state-view__art').count()).toBe(1)
}

const colourOf = (page: Page, selector: string) => visible(page, selector).first().evaluate((el) => getComputedStyle(el).color)

describe('NutUI components on the H5 build', () => {
  it('张建国 filters his 待办审批 by kind with NutUI Tabs', async () => {
    const chair = await phone('张建国')
    await chair.goto('/packages/review/index')
    await see(chair, /^全部 \d+$/)
    await chosenTab(chair, /^全部 \d+$/)
    await shot(chair, '1-review-tabs')
    const titles = visible(chair, '.nut-tabs-titles-item')
    expect(await titles.count()).toBeGreaterThan(1)
    const kind = ((await titles.nth(1).textContent()) ?? '').trim()
    expect(kind).toMatch(/^\S+ \d+$/)
    await titles.nth(1).tap()
    await chosenTab(chair, kind)
    // the list under the tabs says how many it shows for that kind
    await see(chair, new RegExp(`^共 ${kind.split(' ')[1]} 件待办`))
    await shot(chair, '2-review-kind')
  })

  it('张建国 picks a roster status from NutUI Tabs and sees NutUI Empty when no member has it', async () => {
    const chair = await phone('张建国')
    await chair.goto('/packages/admin/roster/index?id=u-build')
    await see(chair, /刘洋 · 在册/)
    await chosenTab(chair, '全部')
    await shot(chair, '3-roster')
    await visible(chair, '.nut-tabs-titles-item').filter({ hasText: '除名' }).first().tap()
    await chosenTab(chair, '除名')
    await seeEmpty(chair, '没有符合条件的会员')
    await visible(chair, '.nut-empty').first().scrollIntoViewIfNeeded()
    await shot(chair, '4-roster-empty')
  })

  it('the H5 date picker confirms in the app red', async () => {
    const chair = await phone('张建国')
    await chair.goto('/packages/admin/roster/index?id=u-build')
    await see(chair, /刘洋 · 在册/)
    await tapText(chair, '入会时间从')
    await visible(chair, '.ght-form__picker').first().tap()
    await visible(chair, '.weui-picker__action').filter({ hasText: '确定' }).first().waitFor({ timeout: STEP_MS })
    // the picker slides up: the screenshot waits until it has arrived
    await chair.waitForFunction(() => Array.from(document.querySelectorAll('.weui-picker')).some((p) => p.getBoundingClientRect().bottom <= window.innerHeight + 1 && p.checkVisibility()))
    expect(await colourOf(chair, '.weui-picker__action:last-child')).toBe(APP_RED)
    await shot(chair, '5-picker')
    await visible(chair, '.weui-picker__action').filter({ hasText: '取消' }).first().tap()
  })

  it('the one confirmation (showModal) confirms in the app red on H5', async () => {
    const chair = await phone('张建国')
    await chair.goto('/packages/admin/roster/index?id=u-build')
    await visible(chair, 'taro-view-core').getByText(/刘洋 · 在册/).first().tap()
    await see(chair, '会籍记录')
    await tapButton(chair, '查看完整')
    await see(chair, /查看会记录在案/)
    await visible(chair, '.taro-model__confirm').first().waitFor({ timeout: STEP_MS })
    expect(await colourOf(chair, '.taro-model__confirm')).toBe(APP_RED)
    // the modal fades in: the screenshot waits until it is fully shown
    await chair.waitForFunction(() => Array.from(document.querySelectorAll('.taro__modal')).some((m) => getComputedStyle(m).opacity === '1' && (m as HTMLElement).checkVisibility()))
    await shot(chair, '6-modal')
    await visible(chair, '.taro-model__cancel').first().tap()
  })

  it('李强 switches 工会活动 to 我的报名 with NutUI Tabs and, signed up for nothing, sees NutUI Empty', async () => {
    const migrant = await phone('李强')
    await migrant.goto('/packages/events/index')
    await chosenTab(migrant, '近期活动')
    await visible(migrant, '.nut-tabs-titles-item').filter({ hasText: '我的报名' }).first().tap()
    await chosenTab(migrant, '我的报名')
    await seeEmpty(migrant, '还没有报名')
    await shot(migrant, '7-events-mine-empty')
  })

  it('张建国 sees 已退档 empty in 困难职工档案, and the inbox marks 未读 with a NutUI Badge', async () => {
    const chair = await phone('张建国')
    await chair.goto('/packages/aid/files/index')
    await chosenTab(chair, '在档')
    await visible(chair, '.nut-tabs-titles-item').filter({ hasText: '已退档' }).first().tap()
    await chosenTab(chair, '已退档')
    await seeEmpty(chair, '没有档案')
    await shot(chair, '8-aid-files-empty')
    await app.cloud().db.seed({
      inbox: [{ _id: 'nutui-unread', openid: 'demo-chair', title: '活动报名提醒', body: '安全生产知识竞赛明天开始，请准时参加。', page: 'packages/events/index', template: 'eventSignup', createdAt: new Date(), readAt: null, requestId: null }],
    })
    await chair.goto('/packages/inbox/index')
    await see(chair, '活动报名提醒')
    await visible(chair, '.inbox__badge.nut-badge').filter({ hasText: '未读' }).first().waitFor({ timeout: STEP_MS })
    await shot(chair, '9-inbox-badge')
  })

  it('someone new sees NutUI Empty in 我的消息 and 我的申请, with a way back', async () => {
    const fresh = await phone('新用户')
    await fresh.goto('/packages/inbox/index')
    await seeEmpty(fresh, '还没有消息')
    await see(fresh, '返回')
    await shot(fresh, '10-inbox-empty')
    await fresh.goto('/packages/review/mine')
    await seeEmpty(fresh, '还没有申请')
    await shot(fresh, '11-mine-empty')
  })
})
