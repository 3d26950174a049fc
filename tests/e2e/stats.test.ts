import { h5AppForFile, pageActions } from './support/h5App'
import { expectReadableControls, saveScreen } from './support/screenCheck'

/**
 * 年度数据 in the browser (H5 build, seeded local cloud): 陈静 opens it from her 工作台, sees the year's
 * tables and charts for her street's subtree, and the previous year.
 */
jest.setTimeout(180_000)

const { signedIn } = h5AppForFile()
const { see } = pageActions({ field: 'name', visibleOnly: true })

describe('年度数据', () => {
  it('陈静 opens 年度数据 from her 工作台: tables, charts, another year', async () => {
    const page = await signedIn('陈静')
    await page.getByText('年度数据 ›').filter({ visible: true }).first().tap()
    await see(page, '望京街道')
    await see(page, '组织数')
    await see(page, '会员总数')
    await see(page, '金秋助学')
    await see(page, '活动人次')
    await see(page, '导出全部表格（Excel）')
    const total = Number(await page.locator('.st__table').nth(1).locator('.st__tr').nth(1).locator('.st__td').first().textContent())
    expect(total).toBeGreaterThan(0)
    await saveScreen(page, 'stats-year')
    await expectReadableControls(page, 'stats-year')
    const year = new Date().getFullYear()
    await page.getByText(`‹ ${year - 1}`).tap()
    await see(page, `${year - 1}年`)
  })
})
