import { openPage } from '../../client/services/navigation'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/** Leaving a page offline: the person is told and stays where they were (the next page's code may not be on the phone). */
const setOnline = (online: boolean) => Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online })

beforeEach(() => {
  phone.reset()
  buildAs('h5')
})
afterEach(() => setOnline(true))

it('opens a page when online', async () => {
  openPage('/packages/review/mine')
  expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/review/mine' }])
  expect(phone.toasts).toEqual([])
})

it('offline, stays on the page and says why, for a page and for a tab alike', async () => {
  setOnline(false)
  openPage('/packages/review/mine')
  openPage('/pages/me/index')
  expect(phone.navigations).toEqual([])
  expect(phone.toasts).toEqual(['网络不通，先留在这一页，联网后再打开', '网络不通，先留在这一页，联网后再打开'])
})
