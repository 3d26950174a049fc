import type { Page } from 'playwright-core'
import { h5AppForFile } from './support/h5App'
import { walker } from './support/walker'

/**
 * 代办 on a phone-sized screen (issue 11, "Words and states"): 张建国 reaches the list by tapping from
 * home, reads each member as 刘* with the unit on one line (the rows once drew each name one character
 * per line beside a full-width button), and the row he asked turns into 已发送.
 */
jest.setTimeout(240_000)

const { signedIn } = h5AppForFile({ demo: true })

/** Each candidate's name, and whether it sits on one line as wide as its text (not squeezed into a column). */
const names = (page: Page) =>
  page.$$eval('.aid__candidate-name', (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const box = el.getBoundingClientRect()
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6
        return { text: el.textContent?.trim() ?? '', oneLine: box.height < lineHeight * 1.5, width: box.width }
      }),
  )

describe('代办 list in the browser', () => {
  it('张建国 reads who is who and sees the request he sent', async () => {
    const page = await signedIn('张建国')
    const w = walker(page, '张建国-代办')
    await w.screen('首页', '您好，张建国')
    await w.tap('帮扶与金秋助学')
    await w.press('为会员代办申请')
    await w.screen('代办', '为本工会会员代办')
    const before = await names(page)
    expect(before.length).toBeGreaterThan(1)
    for (const n of before) expect(n).toMatchObject({ text: expect.stringMatching(/^[\u4e00-\u9fa5]\*/), oneLine: true })
    await w.see('北京某建筑工程有限公司')
    const asks = await page.locator('taro-button-core').filter({ hasText: /^\s*请求代办\s*$/ }).filter({ visible: true }).count()
    await w.press('请求代办')
    await w.screen('代办已发送', /^已发送请求/)
    const sent = page.locator('taro-button-core').filter({ hasText: /^\s*已发送\s*$/ }).filter({ visible: true })
    expect(await sent.count()).toBe(1)
    expect(await sent.first().getAttribute('disabled')).not.toBeNull()
    expect(await page.locator('taro-button-core').filter({ hasText: /^\s*请求代办\s*$/ }).filter({ visible: true }).count()).toBe(asks - 1)
    expect(w.problems).toEqual([])
  })
})
