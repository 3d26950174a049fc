import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/**
 * requestSubscribe: the popup must open inside the tap (synchronously), only on weapp, with ≤3 ids,
 * and what the person chose is reported to notify.recordSubscribe — without ever throwing into the page.
 */
const IDS = { reviewTodo: 'TPL-todo', reviewResult: 'TPL-result', eventChange: 'TPL-change', eventReminder: 'TPL-remind', aidProgress: 'TPL-aid' }

type Popup = jest.Mock<Promise<Record<string, string>>, [{ tmplIds: string[] }]>
const popupOf = (answer: (option: { tmplIds: string[] }) => Promise<Record<string, string>>): Popup => jest.fn(answer)

function start(popup: Popup, opts: { cachedIds?: Record<string, string> } = {}) {
  const app = launchApp()
  // the phone's storage outlives the relaunch, like ids cached on an earlier visit
  const taro = app.load('tests/client/support/taro') as { default: Record<string, unknown>; setStorageSync: (k: string, v: unknown) => void }
  taro.default.requestSubscribeMessage = popup
  if (opts.cachedIds) taro.setStorageSync('notify:templateIds', opts.cachedIds)
  const calls: Array<{ name: string; data: unknown }> = []
  phone.answerCloudCalls(async (c) => {
    calls.push(c)
    const action = (c.data as { action: string }).action
    if (action === 'subscribeConfig') return { result: { ok: true, data: { templateIds: IDS } } }
    return { result: { ok: true, data: { balances: { reviewTodo: 1, reviewResult: 0, eventChange: 0, eventReminder: 0, aidProgress: 0 } } } }
  })
  const subscribe = app.load('client/services/subscribe') as typeof import('../../client/services/subscribe')
  return { subscribe, calls }
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

it('opens the popup synchronously with the cached ids and reports the choices by template key', async () => {
  const popup = popupOf(async () => ({ errMsg: 'requestSubscribeMessage:ok', 'TPL-todo': 'accept', 'TPL-result': 'reject' }))
  const { subscribe, calls } = start(popup, { cachedIds: IDS })
  const done = subscribe.requestSubscribe(['reviewTodo', 'reviewResult'])
  // before anything was awaited: this is what keeps it inside the tap
  expect(popup).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['TPL-todo', 'TPL-result'] }))
  await done
  expect(calls.map((c) => c.data)).toContainEqual({ action: 'recordSubscribe', input: { results: { reviewTodo: 'accept', reviewResult: 'reject' } } })
})

it('asks for at most three templates at a time', async () => {
  const popup = popupOf(async () => ({}))
  const { subscribe } = start(popup, { cachedIds: IDS })
  await subscribe.requestSubscribe(['reviewTodo', 'reviewResult', 'eventChange', 'eventReminder', 'aidProgress'])
  expect(popup.mock.calls[0][0].tmplIds).toEqual(['TPL-todo', 'TPL-result', 'TPL-change'])
})

it('does nothing on H5', async () => {
  buildAs('h5')
  const popup = popupOf(async () => ({}))
  const { subscribe, calls } = start(popup, { cachedIds: IDS })
  await expect(subscribe.requestSubscribe(['reviewTodo'])).resolves.toBeUndefined()
  expect(popup).not.toHaveBeenCalled()
  expect(calls).toEqual([])
})

it('without cached ids it opens no popup, fetches the ids, and the next tap has them', async () => {
  const popup = popupOf(async () => ({ 'TPL-todo': 'accept' }))
  const { subscribe, calls } = start(popup)
  await subscribe.requestSubscribe(['reviewTodo'])
  expect(popup).not.toHaveBeenCalled()
  await subscribe.primeSubscribe()
  expect(calls.some((c) => (c.data as { action: string }).action === 'subscribeConfig')).toBe(true)
  await subscribe.requestSubscribe(['reviewTodo'])
  expect(popup).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['TPL-todo'] }))
})

it('never throws into the page: a refused popup, a throwing API, a failed report', async () => {
  const refused = popupOf(() => Promise.reject({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail 用户关闭了主开关' }))
  const first = start(refused, { cachedIds: IDS })
  await expect(first.subscribe.requestSubscribe(['reviewTodo'])).resolves.toBeUndefined()
  expect(first.calls.filter((c) => (c.data as { action: string }).action === 'recordSubscribe')).toEqual([])

  const throwing = popupOf(() => {
    throw new Error('requestSubscribeMessage is not a function')
  })
  const second = start(throwing, { cachedIds: IDS })
  await expect(second.subscribe.requestSubscribe(['reviewTodo'])).resolves.toBeUndefined()

  const accepted = popupOf(async () => ({ 'TPL-todo': 'accept' }))
  const third = start(accepted, { cachedIds: IDS })
  phone.answerCloudCalls(() => Promise.reject({ errMsg: 'cloud.callFunction:fail timeout' }))
  await expect(third.subscribe.requestSubscribe(['reviewTodo'])).resolves.toBeUndefined()
})
