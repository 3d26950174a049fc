import { browser, call, isOffline, OFFLINE_MESSAGE } from '../../client/services/api'
import { testActions } from './support/actions'
import { buildAs } from './support/target'
import { phone } from './support/taro'

const goodInput = { name: '王芳', age: 30 }

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})

describe('call() on weapp', () => {
  it('sends {action, input} to the cloud function named by the action and returns the parsed data', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: true, data: { greeting: '您好', joinedAt: '2024-05-01T00:00:00.000Z', extra: 'dropped' } } }))
    const result = await call(testActions.greet, goodInput)
    expect(phone.cloudCalls).toEqual([{ name: 'demo', data: { action: 'greet', input: goodInput } }])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data.greeting).toBe('您好')
    expect(result.data.joinedAt).toBeInstanceOf(Date)
    expect(result.data).not.toHaveProperty('extra')
  })

  it('hands a Fail envelope through with its Chinese message and field errors', async () => {
    const answer = { ok: false, error: { code: 'CONFLICT', message: '已被他人处理', fields: { name: '重名' } } }
    phone.answerCloudCalls(async () => ({ result: answer }))
    expect(await call(testActions.greet, goodInput)).toEqual(answer)
  })

  it('never passes on an answer that breaks the output schema', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: true, data: { greeting: 42 } } }))
    const result = await call(testActions.greet, goodInput)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(isOffline(result)).toBe(false)
  })

  it('rejects an error code outside the closed set', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: false, error: { code: 'TEAPOT', message: 'x' } } }))
    const result = await call(testActions.greet, goodInput)
    expect(!result.ok && result.error.code).toBe('INTERNAL')
  })

  it('returns per-field Chinese errors for bad input without calling the function', async () => {
    const result = await call(testActions.greet, { name: '  ', age: 15 })
    expect(phone.cloudCalls).toHaveLength(0)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.fields).toEqual({ name: '请填写姓名', age: '年满16周岁才能入会' })
  })

  it('refuses a payload over WeChat’s 100 KB limit before sending it', async () => {
    const result = await call(testActions.greet, { name: '王'.repeat(35_000), age: 30 }) // 3 bytes each in UTF-8
    expect(!result.ok && result.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(phone.cloudCalls).toHaveLength(0)
  })

  it('reports a lost connection as offline, with a message that says the draft is kept', async () => {
    phone.answerCloudCalls(() => Promise.reject({ errMsg: 'cloud.callFunction:fail request:fail' }))
    const result = await call(testActions.greet, goodInput)
    expect(isOffline(result)).toBe(true)
    expect(!result.ok && result.error.message).toBe(OFFLINE_MESSAGE)
    expect(OFFLINE_MESSAGE).toContain('不会丢失')
  })

  it('reports a function that crashed as an error, not as offline', async () => {
    phone.answerCloudCalls(() => Promise.reject(new Error('cloud.callFunction:fail Error: errCode: -504002 functions execute fail')))
    const result = await call(testActions.greet, goodInput)
    expect(result.ok).toBe(false)
    expect(isOffline(result)).toBe(false)
  })
})

describe('call() on H5', () => {
  let fetchMock: jest.Mock
  beforeEach(() => {
    buildAs('h5')
    fetchMock = jest.fn()
    Object.assign(globalThis, { fetch: fetchMock })
  })

  const answerWith = (status: number, body: unknown) =>
    fetchMock.mockResolvedValue({ status, json: async () => body })

  it('posts {action, input} as JSON to /api/fn/<function> with the sign-in cookie', async () => {
    answerWith(200, { ok: true, data: { greeting: '您好', joinedAt: '2024-05-01' } })
    const result = await call(testActions.greet, goodInput)
    expect(result.ok).toBe(true)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/fn/demo')
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' } })
    expect(JSON.parse(init.body)).toEqual({ action: 'greet', input: goodInput })
  })

  it('sends a signed-out visitor to the dev sign-in page and still returns the failure', async () => {
    const open = jest.spyOn(browser, 'open').mockImplementation(() => {})
    answerWith(200, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录微信后再试' } })
    const result = await call(testActions.greet, goodInput)
    expect(!result.ok && result.error.code).toBe('UNAUTHENTICATED')
    expect(open).toHaveBeenCalledWith(expect.stringMatching(/^\/dev\/login\?next=/))
  })

  it('never leaves for the dev sign-in page in a weapp build', async () => {
    buildAs('weapp')
    const open = jest.spyOn(browser, 'open').mockImplementation(() => {})
    phone.answerCloudCalls(async () => ({ result: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }))
    await call(testActions.greet, goodInput)
    expect(open).not.toHaveBeenCalled()
  })

  it('reports a failed fetch and a 502 from the gateway as offline', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(isOffline(await call(testActions.greet, goodInput))).toBe(true)
    answerWith(502, undefined)
    expect(isOffline(await call(testActions.greet, goodInput))).toBe(true)
  })

  it('treats a body that is not JSON as an unreadable answer, not as offline', async () => {
    fetchMock.mockResolvedValue({ status: 500, json: async () => JSON.parse('<html>') })
    const result = await call(testActions.greet, goodInput)
    expect(result.ok).toBe(false)
    expect(isOffline(result)).toBe(false)
  })
})
