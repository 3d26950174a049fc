import type { Page } from 'playwright-core'
import { inChina } from '../../shared/date'
import { PASS_PREFIX } from '../../shared/events/tokens'
import { adminDb } from '../functions/adminDb'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'
import { pickDateTime } from './support/picker'
import { expectReadableControls, saveScreen } from './support/screenCheck'

/**
 * 工会活动 end to end on the H5 build (`NODE_ENV=production npx taro build --type h5`), served by the
 * local cloud with dev sign-in: 陈静 publishes a sports afternoon for the whole 望京 street, 王芳 finds
 * it and signs up, 陈静 checks her in with the pass on 王芳's phone and records a result, and 王芳 sees
 * both on the event page. Then, at a training of its own, 陈静 checks 赵敏 in by name at the desk and
 * removes 刘洋 with a reason, by tapping.
 */
const TITLE = '望京职工趣味运动会'
const TECH_UNION = '北京某科技有限公司工会'
const DESK_TITLE = '望京职工安全生产培训'

jest.setTimeout(240_000)

const { signedIn, cloud } = h5AppForFile()
const db = () => adminDb()
/** 375×812 screenshots of the screens this test changes (.tmp/screens/events-*.png), each checked for controls a person could not read */
const shot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await saveScreen(page, `events-${name}`)
  await expectReadableControls(page, name)
}

/** Taro keeps the pages under the current one in the document (hidden), so only visible text counts; fields are found by name. */
const { tapText, fill, see } = pageActions({ field: 'name', visibleOnly: true })
/** A time as the form's pickers show it: China time, to the minute. */
const inMinutes = (minutes: number) => inChina(Date.now() + minutes * 60_000).format('YYYY-MM-DD HH:mm')

describe('工会活动 in the browser: publish for the street, sign up, check in with the pass, record a result', () => {
  let staff: Page
  let worker: Page
  let eventId = ''

  it('陈静 publishes an event for 望京 and every union under it, with a 衣服尺码 question', async () => {
    staff = await signedIn('陈静')
    await staff.goto('/packages/events/edit/index')
    await see(staff, '活动信息')
    await fill(staff, 'event.title', TITLE)
    await tapText(staff, '文体活动')
    await fill(staff, 'event.place', '望京体育馆二楼')
    // sign-up open now and closing in half an hour; the event starts in 40 minutes, so check-in (an hour before) is open
    await pickDateTime(staff, '开始时间', inMinutes(40))
    await pickDateTime(staff, '结束时间', inMinutes(180))
    await pickDateTime(staff, '报名开始', inMinutes(-5))
    await pickDateTime(staff, '报名截止', inMinutes(30))
    await fill(staff, 'event.capacity', '50')
    await tapText(staff, '本工会及下属各工会')
    await tapText(staff, '添加填写项')
    await fill(staff, 'event.fields.0.label', '衣服尺码')
    await tapText(staff, '单选')
    await fill(staff, 'event.fields.0.options', 'S、M、L、XL')
    await tapText(staff, '保存并发布')
    await staff.waitForURL(/\/packages\/events\/edit\/index\?id=/, { timeout: STEP_MS })
    await see(staff, '活动已发布，职工现在可以报名了。')
    await see(staff, '报名中')
    eventId = new URL(staff.url()).searchParams.get('id') ?? ''
    expect(eventId).not.toBe('')
    // published: the draft of the new-event form is gone
    expect(await staff.evaluate(() => window.localStorage.getItem('draft:events.new'))).toBeNull()
  })

  it('王芳 of 北京某科技有限公司工会 finds it in the list, answers the size question and signs up', async () => {
    worker = await signedIn('王芳')
    await worker.goto('/packages/events/index')
    await see(worker, TITLE)
    await see(worker, '剩余名额 50/50')
    await tapText(worker, TITLE)
    await see(worker, '我要报名')
    await see(worker, '望京街道工会联合会及下属工会的会员可以报名')
    // the size is required: without it the page says so under the question, before anything is sent
    await tapText(worker, '提交报名')
    await see(worker, '！请选择衣服尺码')
    await tapText(worker, 'M')
    // what she sees before she sends: her choice ticked
    await see(worker, '✓ M')
    await tapText(worker, '提交报名')
    await see(worker, /^报名成功！/)
    await see(worker, '我的报名')
    await see(worker, '衣服尺码：M')
    await see(worker, '剩余名额：49/50')
  })

  it('陈静 checks 王芳 in by the pass shown on 王芳’s phone', async () => {
    await worker.goto(`/packages/events/pass/index?id=${eventId}`)
    await see(worker, '请向工作人员出示，入场码会自动更新，截图无效。')
    // the pass shows a QR code, never its raw token; the browser reads what the code holds
    const qr = worker.locator('.qr-code').first()
    await qr.waitFor({ timeout: STEP_MS })
    const token = (await qr.getAttribute('data-qr-text')) ?? ''
    expect(token.startsWith(`${PASS_PREFIX}.`)).toBe(true)
    expect(await worker.getByText(token).count()).toBe(0)

    await staff.goto(`/packages/events/checkin/index?id=${eventId}`)
    await see(staff, '扫描入场码')
    await fill(staff, 'checkInToken', token)
    await tapText(staff, '确认签到')
    await see(staff, new RegExp(`^签到成功：王\\S* · ${TECH_UNION}$`))
    // the same pass again is not a second check-in
    await fill(staff, 'checkInToken', token)
    await tapText(staff, '确认签到')
    await see(staff, new RegExp(`^此前已签到：王\\S* · ${TECH_UNION}$`))

    await staff.goto(`/packages/events/participants/index?id=${eventId}`)
    await see(staff, '名额已占1/50')
    await see(staff, '报名成功1人 · 待审核0人 · 候补0人 · 已签到1人')
    await see(staff, '报名成功·已签到')
  })

  it('陈静 records 跳绳 第1名 for 王芳 once the event has begun', async () => {
    // results are for an event under way: the local demo clock (/dev/time) lets it begin now
    await staff.goto('/dev/time')
    await staff.locator('form', { has: staff.locator(`input[name="id"][value="${eventId}"]`) }).locator('button').click()
    await see(staff, `“${TITLE}”已在30分钟前开始，现在可以签到。`)
    await staff.goto(`/packages/events/results/index?id=${eventId}`)
    await see(staff, '录入一个项目的成绩')
    await fill(staff, 'item', '跳绳')
    await fill(staff, 'results.0.award', '一等奖')
    await tapText(staff, new RegExp(`^王\\S*（${TECH_UNION}）$`))
    await tapText(staff, '保存成绩')
    await see(staff, '已保存“跳绳”的成绩')
    await see(staff, '一等奖')
  })

  it('王芳 reloads the event page and sees herself checked in and the result', async () => {
    await worker.goto(`/packages/events/detail/index?id=${eventId}`)
    await see(worker, '我的报名')
    await see(worker, '已签到')
    await see(worker, '跳绳')
    await see(worker, '第1名')
    await see(worker, '一等奖')
  })
})

describe('工会活动 in the browser: the organiser checks a person in by name and removes one with a reason', () => {
  let staff: Page
  let eventId = ''

  beforeAll(async () => {
    staff = await signedIn('陈静')
    await staff.setViewportSize({ width: 375, height: 812 })
    // an event of its own, set up through the API (the form is tried above): starts in 40 minutes, so
    // check-in is open; 王芳, 赵敏 and 刘洋 of 望京's unions sign up on their own phones
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000)
    const saved = await cloud().callAs('demo-staff', 'events', 'saveEvent', {
      unionId: 'u-street-wangjing',
      event: { title: DESK_TITLE, kind: 'training', place: '望京街道职工之家', startAt: at(40), endAt: at(160), signupOpensAt: at(-5), signupClosesAt: at(30), capacity: 30, scope: 'subtree' },
    })
    if (!saved.ok) throw new Error(JSON.stringify(saved))
    const { eventId: id, version } = saved.data as { eventId: string; version: number }
    eventId = id
    expect((await cloud().callAs('demo-staff', 'events', 'publishEvent', { eventId, expectedVersion: version })).ok).toBe(true)
    for (const openid of ['demo-worker', 'seed-zhaomin', 'seed-liuyang']) {
      const res = await cloud().callAs(openid, 'events', 'signUp', { eventId })
      if (!res.ok) throw new Error(`${openid}: ${JSON.stringify(res)}`)
    }
  })

  it('陈静 finds 赵敏, who has no working phone, by name at the desk and checks her in', async () => {
    await staff.goto(`/packages/events/checkin/index?id=${eventId}`)
    await see(staff, '按姓名签到')
    await fill(staff, 'checkInQuery', '赵敏')
    await tapText(staff, '查找报名人')
    await see(staff, '手机尾号0004')
    await tapText(staff, '为赵敏签到')
    await see(staff, new RegExp(`^签到成功.*：赵敏 · ${TECH_UNION}$`))
    await shot(staff, 'checkin-by-name')
  })

  it('陈静 removes 刘洋 with a reason; 刘洋 is told why', async () => {
    await staff.goto(`/packages/events/participants/index?id=${eventId}`)
    await see(staff, '刘洋')
    // 赵敏 is checked in: she cannot be removed; 王芳 and 刘洋 can (刘洋 signed up last, his row comes by his id)
    await see(staff, '报名成功3人 · 待审核0人 · 候补0人 · 已签到1人')
    // his row, and the 移出 under it
    const liu = staff.locator('.ev__row').filter({ hasText: '刘洋' }).filter({ visible: true }).first().locator('xpath=..')
    await liu.getByText('移出', { exact: true }).tap()
    await tapText(staff, '确认移出')
    await see(staff, '！请填写移出原因（至少2个字）')
    await fill(staff, 'reason', '单位临时有任务')
    await shot(staff, 'remove-reason')
    await tapText(staff, '确认移出')
    await see(staff, '已移出刘洋，已通知本人。')
    await see(staff, '报名成功2人 · 待审核0人 · 候补0人 · 已签到1人')
    await shot(staff, 'removed')
    const [told] = await db().find('inbox', { openid: 'seed-liuyang', template: 'eventSignup' })
    expect(told).toMatchObject({ title: '您已被移出活动', body: expect.stringContaining('单位临时有任务') })
  })
})
