import type { Locator, Page } from 'playwright-core'
import { STEP_MS } from './h5App'

/**
 * Picking a date or time on H5 the way a person does: tap the field, tap rows of Taro's scrolling
 * columns (three rows at most away from the chosen one, as they are on screen) until each column shows
 * the wanted value, tap 确定. Taro's picker places a tapped row by where it was tapped, measured from the
 * bottom of the window, so the taps go there.
 */

/** Taro's row height and the rows shown above and below the chosen one (taro-picker-group). */
const ROW = 34
const REACH = 3
/** the middle of the columns, measured from the bottom of the window (7 rows high) */
const FROM_BOTTOM = (ROW * 7) / 2

/** The field's tap target: DateField labels each part `<label><part>：<value>，点按选择`. */
const trigger = (page: Page, ariaStart: string): Locator => page.locator(`[aria-label^="${ariaStart}："]`).filter({ visible: true }).first()

/** Row index chosen in a column now, and the index of `value` in it (time columns repeat 4 rows at each end). */
async function where(column: Locator, value: string): Promise<{ at: number; want: number }> {
  return column.evaluate(
    (el, v) => {
      const g = el as unknown as { height: number; range: string[]; mode: string }
      const at = Math.round((102 - g.height) / 34)
      const want = g.range.indexOf(v, g.mode === 'time' ? 4 : 0)
      return { at, want }
    },
    value,
  )
}

async function pickColumns(page: Page, ariaStart: string, values: string[]): Promise<void> {
  await trigger(page, ariaStart).tap()
  // the sheet that slid up (the overlay around it has no size of its own)
  const sheet = page.locator('.weui-picker').filter({ visible: true })
  const body = sheet.locator('.weui-picker__bd')
  // the sheet slides up: tap its rows once it has stopped
  await body.click({ trial: true, timeout: STEP_MS })
  const height = await page.evaluate(() => window.innerHeight)
  for (const [i, value] of values.entries()) {
    const column = sheet.locator('taro-picker-group').nth(i)
    const box = await column.boundingBox()
    if (!box) throw new Error(`选择器第${i + 1}列不可见`)
    for (let taps = 0; ; taps += 1) {
      const { at, want } = await where(column, value)
      if (want < 0) throw new Error(`选择器第${i + 1}列没有“${value}”`)
      if (at === want) break
      if (taps > 40) throw new Error(`选择器第${i + 1}列停在第${at}行，选不到“${value}”`)
      const step = Math.max(-REACH, Math.min(REACH, want - at))
      await page.mouse.click(box.x + box.width / 2, height - FROM_BOTTOM + step * ROW)
      await page.waitForFunction(
        ([el, row]) => Math.round((102 - (el as unknown as { height: number }).height) / 34) === row,
        [await column.elementHandle(), at + step] as const,
        { timeout: STEP_MS },
      )
    }
  }
  await sheet.locator('.weui-picker__action', { hasText: '确定' }).click()
  await sheet.waitFor({ state: 'hidden', timeout: STEP_MS })
}

const two = (s: string) => s.padStart(2, '0')

/**
 * Picks `value` ('2026-12-05 14:00', or '2026-12-05' for a date) in the DateField labelled `label`:
 * the day, then the time of a date-and-time field.
 */
export async function pickDateTime(page: Page, label: string, value: string): Promise<void> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value)
  if (!m) throw new Error(`看不懂的时间：${value}`)
  const [, y, mo, d, hh, mm] = m
  const day = [`${y}年`, `${two(mo)}月`, `${two(d)}日`]
  if (hh === undefined) return pickColumns(page, label, day)
  await pickColumns(page, `${label}日期`, day)
  await pickColumns(page, `${label}时间`, [hh, mm])
}
