import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from './support/browser'
import { expectReadableControls, findControlProblems } from './support/screenCheck'

/** The screen checker itself must be able to fail: the blank buttons of issue 11 are what it exists for. */
jest.setTimeout(60_000)

let browser: Browser
let page: Page
beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
})
afterAll(async () => {
  await browser.close()
})

describe('the screen checker', () => {
  it('flags a button whose text is white on white, as Taro drew every disabled="false" button', async () => {
    await page.setContent(`<body style="background:#f5f5f5">
      <div style="background:#fff"><button style="color:rgba(255,255,255,.6);background:transparent;border:1px solid #ddd">查找</button></div>
      <a href="#" style="color:#c8161d">查看完整</a>
      <button style="color:#fff;background:#c8161d">提交</button>
    </body>`)
    const problems = await findControlProblems(page)
    expect(problems).toEqual([expect.objectContaining({ control: '查找', problem: 'contrast' })])
    await expect(expectReadableControls(page, '测试页')).rejects.toThrow(/测试页：1 个控件看不清[\s\S]*查找/)
  })

  it('flags a control with no text, and reads text through a parent’s opacity and a gradient background', async () => {
    await page.setContent(`<body>
      <button aria-label="关闭"></button>
      <button></button>
      <div style="opacity:.3"><button style="color:#595959;background:#fff">撤回申请</button></div>
      <div style="background:linear-gradient(135deg, rgb(200,22,29), rgb(143,15,20))"><a href="#" style="color:#fff">会员卡</a></div>
      <div style="display:none"><button></button></div>
    </body>`)
    const problems = await findControlProblems(page)
    expect(problems.map((p) => [p.control, p.problem])).toEqual([
      ['<button class="">', 'empty'],
      ['撤回申请', 'contrast'],
    ])
  })
})
