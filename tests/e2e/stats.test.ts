import type { Page } from 'playwright-core'
import { reviewActions } from '../../shared/requests/actions'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'
import { expectReadableControls, saveScreen } from './support/screenCheck'

/**
 * 年度数据 in the browser (H5 build, seeded local cloud): 陈静 opens it from her 工作台, sees the year's
 * tables and charts for her street's subtree, and the previous year.
 */
jest.setTimeout(180_000)

const { signedIn, cloud } = h5AppForFile()
const { see } = pageActions({ field: 'name', visibleOnly: true })

// The seed's year has no joins, aid paid or check-ins yet. 张建国 approves 陈丽's pending 入会申请 (seed): one
// 新入会 this year in 望京街道's subtree, so 会员变动 has a bar to draw while 帮扶金额 and 活动人次 stay empty.
beforeAll(async () => {
  const requestId = 'mj-seed-chenli'
  const seen = await cloud().callAction('demo-chair', reviewActions.getRequest, { requestId })
  if (!seen.ok) throw new Error(`getRequest: ${seen.error.message}`)
  const done = await cloud().callAction('demo-chair', reviewActions.act, { requestId, decision: 'approve', reason: '', expectedVersion: seen.data.request.version })
  if (!done.ok) throw new Error(`act: ${done.error.message}`)
})

interface DrawnChart {
  title: string
  width: number
  height: number
  /** pixels of the app's red (--ght-primary, read from the stylesheet), counted in the canvas itself */
  red: number
}

/**
 * Every F2 chart on the visible page, read back from its <canvas> with getImageData: a chart that laid out
 * but drew nothing (or drew in another colour) counts 0 red pixels. With `untilDrawn`, false (so that
 * waitForFunction keeps polling) until there is a chart and each has drawn more than 200 red pixels.
 */
function readCharts(untilDrawn: boolean): DrawnChart[] | false {
  const hex = getComputedStyle(document.body).getPropertyValue('--ght-primary').trim()
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  const charts = Array.from(document.querySelectorAll<HTMLCanvasElement>('.st__chart canvas'))
    .filter((c) => c.getBoundingClientRect().width > 0)
    .map((c) => {
      const title = c.closest('.ght-card')?.querySelector('.st__title')?.textContent ?? ''
      const ctx = c.getContext('2d')
      let red = 0
      if (ctx && c.width > 0 && c.height > 0) {
        const d = ctx.getImageData(0, 0, c.width, c.height).data
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && want.every((v, k) => Math.abs(d[i + k] - v) <= 6)) red++
      }
      return { title, width: c.width, height: c.height, red }
    })
  if (untilDrawn && (charts.length === 0 || charts.some((c) => c.red <= 200))) return false
  return charts
}

const chartsNow = async (page: Page) => (await page.evaluate(readCharts, false)) || []

/** The charts once drawn (F2 draws after the canvas lays out), or as they are when STEP_MS runs out. */
async function chartsDrawn(page: Page): Promise<DrawnChart[]> {
  const drawn = await page.waitForFunction(readCharts, true, { timeout: STEP_MS }).catch(() => null)
  return drawn ? ((await drawn.jsonValue()) || []) : chartsNow(page)
}

describe('年度数据', () => {
  it('陈静 opens 年度数据 from her 工作台: tables, F2 charts in the app red, another year', async () => {
    const page = await signedIn('陈静')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.getByText('年度数据 ›').filter({ visible: true }).first().tap()
    await see(page, '望京街道')
    await see(page, '组织数')
    await see(page, '会员总数')
    await see(page, '金秋助学')
    await see(page, '活动人次')
    await see(page, '导出全部表格（Excel）')
    const total = Number(await page.locator('.st__table').nth(1).locator('.st__tr').nth(1).locator('.st__td').first().textContent())
    expect(total).toBeGreaterThan(0)

    // 会员变动 is really drawn on its canvas (not a blank one), at the card's width, in --ght-primary.
    const charts = await chartsDrawn(page)
    expect(charts.map((c) => ({ title: c.title, drawn: c.red > 200 }))).toEqual([{ title: '会员变动', drawn: true }])
    expect(charts[0].width).toBeGreaterThanOrEqual(300)
    // The two with nothing to draw say so instead of leaving a blank canvas.
    await see(page, '本年还没有发放帮扶')
    await see(page, '本年还没有活动签到')

    await saveScreen(page, 'stats-year')
    await page.locator('.st__chart').filter({ visible: true }).first().scrollIntoViewIfNeeded()
    await saveScreen(page, 'stats-charts')
    await expectReadableControls(page, 'stats-year')

    const year = new Date().getFullYear()
    await page.getByText(`‹ ${year - 1}`).tap()
    await see(page, `${year - 1}年`)
    // The previous year was not seeded: no joins, aid or check-ins, so each chart says so, with no canvas.
    await see(page, '本年还没有会员变动')
    await see(page, '本年还没有发放帮扶')
    await see(page, '本年还没有活动签到')
    expect(await chartsNow(page)).toEqual([])
    await saveScreen(page, 'stats-empty-year')
    // Back to this year: the old year's charts were destroyed with their cards, and this year's is drawn afresh.
    await page.getByText(`${year} ›`).tap()
    await see(page, `${year}年`)
    expect((await chartsDrawn(page)).map((c) => ({ title: c.title, drawn: c.red > 200 }))).toEqual([{ title: '会员变动', drawn: true }])
  })
})
