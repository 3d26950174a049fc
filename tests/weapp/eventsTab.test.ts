/**
 * @jest-environment jsdom
 */
// The 活动 tab (pages/events/index) of the production weapp build, rendered by miniprogram-simulate with
// WeChat's own template compiler. What this covers and what it cannot: see tests/weapp/README.md.
import { shippedPhone } from './support/shippedPhone'

// Two events as the events function answers browse: JSON over the wire, so the times are ISO strings.
const sportsDay = {
  eventId: 'ev-sports',
  title: '望京街道职工趣味运动会',
  kind: 'sports',
  kindLabel: '文体活动',
  unionName: '望京街道工会联合会',
  place: '望京体育馆二楼',
  startAt: '2026-12-05T06:00:00.000Z',
  endAt: '2026-12-05T09:00:00.000Z',
  signupClosesAt: '2026-12-04T10:00:00.000Z',
  capacity: 100,
  seatsLeft: 37,
  status: 'published',
  statusLabel: '报名中',
  coverUrl: '',
  mine: null,
}
const safetyQuiz = {
  ...sportsDay,
  eventId: 'ev-quiz',
  title: '安全生产知识竞赛',
  kind: 'skills',
  kindLabel: '技能竞赛',
  seatsLeft: 0,
  statusLabel: '名额已满，可候补',
  mine: 'confirmed',
}

const phone = shippedPhone()

describe('活动 tab in the production weapp build', () => {
  it('asks events.browse for the next five events and lists each with its time, seats and my sign-up', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: { items: [sportsDay, safetyQuiz], nextCursor: null } } }))
    const tab = phone.open('pages/events/index')
    expect(await tab.shows('望京街道职工趣味运动会')).toBe(true)
    expect(tab.text()).toContain('工会活动')
    expect(tab.text()).toContain('安全生产知识竞赛')
    expect(tab.text()).toContain('时间：2026年12月5日 14:00–17:00')
    expect(tab.text()).toContain('剩余名额 37/100')
    expect(tab.text()).toContain('报名中')
    expect(tab.text()).toContain('我的报名：报名成功') // the full quiz shows my own sign-up, not 名额已满
    expect(tab.text()).not.toContain('名额已满，可候补')
    // the tab asks for five events; whoami only decides whether to show the organiser's entry
    expect(phone.cloudCalls.filter((c) => c.name === 'events')).toEqual([{ name: 'events', data: { action: 'browse', input: { limit: 5 } } }])
    expect(phone.cloudCalls.every((c) => c.name === 'events' || (c.name === 'account' && (c.data as { action?: string }).action === 'whoami'))).toBe(true)
    tab.close()
  })

  it('opens an event’s page in the events subpackage when its card is tapped', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: { items: [sportsDay], nextCursor: null } } }))
    const tab = phone.open('pages/events/index')
    expect(await tab.shows('望京街道职工趣味运动会')).toBe(true)
    tab.tap('望京街道职工趣味运动会')
    expect(await phone.until(() => phone.navigations.length > 0)).toBe(true)
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/events/detail/index?id=ev-sports' }])
    tab.close()
  })

  it('says so when there are no events yet, and still leads to the full list', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: { items: [], nextCursor: null } } }))
    const tab = phone.open('pages/events/index')
    expect(await tab.shows('近期还没有活动，有新活动时会在这里显示')).toBe(true)
    expect(tab.text()).toContain('工会活动')
    tab.tap('查看全部活动和我的报名')
    expect(await phone.until(() => phone.navigations.length > 0)).toBe(true)
    expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/events/index' }])
    tab.close()
  })

  it('shows an answer that breaks the browse schema as an error, never as a list', async () => {
    phone.answerCloudCalls(() => ({ result: { ok: true, data: { items: [{ ...sportsDay, capacity: '很多' }], nextCursor: null } } }))
    const tab = phone.open('pages/events/index')
    expect(await tab.shows('没能加载出来')).toBe(true)
    expect(tab.text()).not.toContain('望京街道职工趣味运动会')
    tab.close()
  })
})
