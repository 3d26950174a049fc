import type { Locator, Page } from 'playwright-core'
import { STEP_MS } from './h5App'
import { expectReadableControls, saveScreen } from './screenCheck'

/** One person's walk: numbered screens and every screen's problems, reported together at the end. */
export function walker(page: Page, who: string) {
  let n = 0
  const problems: string[] = []
  const visible = (text: string | RegExp) => page.getByText(text, { exact: typeof text === 'string' }).filter({ visible: true }).first()
  // A list row's title sits inside the row that takes the tap (NutUI's Cell), which Playwright calls
  // "intercepted": tap once the point under the text belongs to it or its row, and no leaving page covers it.
  const tapOn = async (target: Locator) => {
    await target.waitFor({ timeout: STEP_MS })
    await target.scrollIntoViewIfNeeded()
    const element = await target.elementHandle()
    await page.waitForFunction(
      (el) => {
        if (!el) return false
        const box = el.getBoundingClientRect()
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
        return hit !== null && (el.contains(hit) || hit.contains(el))
      },
      element,
      { timeout: STEP_MS },
    )
    await target.tap({ force: true })
  }
  return {
    problems,
    async see(text: string | RegExp) {
      await visible(text).waitFor({ timeout: STEP_MS })
    },
    async tap(text: string | RegExp) {
      await tapOn(visible(text))
    },
    /** Taps the visible button (the app's Button) that says `text`: a page title or a line can say the same words. */
    async press(text: string | RegExp) {
      const exact = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text
      await tapOn(page.locator('taro-button-core').filter({ hasText: exact }).filter({ visible: true }).first())
    },
    /** Types into the visible input whose `name` (the form field) is `key`: typing is what a form asks of a person. */
    async fill(key: string, value: string) {
      await page.locator(`taro-input-core[name="${key}"] input`).filter({ visible: true }).first().fill(value)
    },
    async tapTab(label: '首页' | '活动' | '我的') {
      await page.locator('.weui-tabbar__item', { hasText: label }).tap()
    },
    /** Waits for `text` (words of the new page only: the page underneath is still in the document), for loading to finish, then saves and checks the screen. */
    async screen(name: string, text: string | RegExp) {
      n += 1
      const label = `${who}-${String(n).padStart(2, '0')}-${name}`
      try {
        await visible(text).waitFor({ timeout: STEP_MS })
        await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state-view--loading')).some((e) => e.checkVisibility()), undefined, { timeout: STEP_MS })
      } catch (e) {
        // what was on the screen instead
        await saveScreen(page, `${label}-没有出现`)
        throw e
      }
      await saveScreen(page, label)
      await expectReadableControls(page, label).catch((e: Error) => problems.push(e.message))
    },
  }
}
