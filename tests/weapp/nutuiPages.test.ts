/**
 * @jest-environment jsdom
 */
// NutUI's Tabs and Empty in a subpackage page of the production weapp build (packages/events/index), rendered by
// miniprogram-simulate with WeChat's own template compiler: the H5 browser tests cannot show that NutUI's
// components, imported per component, still render and take taps in the mini-program.
import { shippedPhone } from './support/shippedPhone'

const phone = shippedPhone()

// NutUI's Tabs measures its titles to scroll the chosen one into view. WeChat has wx.createSelectorQuery;
// miniprogram-simulate's answers select() with nothing, and jsdom lays nothing out: answer every query with
// no rectangles, as for titles not yet drawn (Tabs then leaves the row where it is).
beforeAll(() => {
  const query = {
    select: () => query,
    selectAll: () => query,
    boundingClientRect: () => query,
    // one answer, an empty list: the titles' rectangles are "none", so Tabs finds no title to scroll to
    exec: (done?: (answers: unknown[]) => void) => setTimeout(() => done?.([[]]), 0),
  }
  Reflect.set(Reflect.get(globalThis, 'wx') as object, 'createSelectorQuery', () => query)
})
const actionOf = (data: unknown) => (typeof data === 'object' && data !== null ? Reflect.get(data, 'action') : undefined)

describe('NutUI in a subpackage of the production weapp build', () => {
  it('工会活动 switches to 我的报名 with NutUI Tabs and says so with NutUI Empty when nothing is signed up', async () => {
    phone.answerCloudCalls(({ name }) =>
      name === 'events'
        ? { result: { ok: true, data: { items: [], nextCursor: null } } }
        : { result: { ok: false, error: { code: 'FORBIDDEN', message: '无权查看' } } },
    )
    const page = phone.open('packages/events/index', 2)
    expect(await page.shows('近期活动')).toBe(true)
    expect(await page.shows('没有符合条件的活动')).toBe(true)
    page.tap('我的报名')
    expect(await page.shows('还没有报名')).toBe(true)
    expect(page.text()).toContain('去「近期活动」里挑一个吧')
    expect(phone.cloudCalls.some((c) => c.name === 'events' && actionOf(c.data) === 'mySignups')).toBe(true)
    page.close()
  })
})
