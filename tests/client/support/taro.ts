/**
 * Stand-in for `@tarojs/taro` in the jsdom `client` jest project (mapped in jest.client.js).
 * Storage behaves like the phone's: values are stored as JSON and kept on `globalThis`, so they
 * outlive `jest.resetModules()` the way WeChat storage outlives a killed app.
 * `cloud.callFunction` answers with whatever the test installs through `phone.answerCloudCalls`.
 */
type CloudCall = { name: string; data: unknown }
type CloudHandler = (call: CloudCall) => Promise<{ result: unknown }>

interface Device {
  storage: Map<string, string>
  cloudHandler: CloudHandler
  cloudCalls: CloudCall[]
  navigations: { kind: 'navigateTo' | 'navigateBack' | 'switchTab' | 'reLaunch'; url?: string }[]
  pageStackDepth: number
  fontSizeSetting: number
  scrolls: { selector?: string; scrollTop?: number }[]
  toasts: string[]
  /** the query of the page being opened (useRouter().params) */
  routerParams: Record<string, string>
}

const holder = globalThis as typeof globalThis & { __ghtDevice?: Device }

function device(): Device {
  holder.__ghtDevice ??= {
    storage: new Map(),
    cloudHandler: () => Promise.reject(new Error('cloud.callFunction:fail no handler installed by the test')),
    cloudCalls: [],
    navigations: [],
    pageStackDepth: 1,
    fontSizeSetting: 17,
    scrolls: [],
    toasts: [],
    routerParams: {},
  }
  return holder.__ghtDevice
}

/** Test controls: what the phone does. */
export const phone = {
  reset(): void {
    holder.__ghtDevice = undefined
  },
  /** How the cloud answers, for weapp's callFunction and (through `fakeGateway`) H5's fetch alike. */
  answerCloudCalls(handler: CloudHandler): void {
    device().cloudHandler = handler
  },
  /** A stand-in for the local cloud's `POST /api/fn/<name>` gateway, answering with the same handler. */
  fakeGateway(): (url: string, init: { body: string }) => Promise<{ status: number; json: () => Promise<unknown> }> {
    return async (url, init) => {
      const { result } = await device().cloudHandler({ name: url.replace('/api/fn/', ''), data: JSON.parse(init.body) })
      return { status: 200, json: async () => result }
    }
  },
  get cloudCalls(): readonly CloudCall[] {
    return device().cloudCalls
  },
  get navigations() {
    return device().navigations
  },
  /** the toasts shown, by title */
  get toasts() {
    return device().toasts
  },
  /** where the page was scrolled to (pageScrollTo), in order */
  get scrolls() {
    return device().scrolls
  },
  storedRaw(key: string): string | undefined {
    return device().storage.get(key)
  },
  /** The stored draft `key` of whoever owns it (drafts are kept as `draft:<owner>:<key>`). */
  storedDraft(key: string): string | undefined {
    const found = [...device().storage.keys()].find((k) => k.startsWith('draft:') && k.endsWith(`:${key}`))
    return found === undefined ? undefined : device().storage.get(found)
  },
  /** The query the next page opens with, as its `useRouter().params`: `phone.openWith({ unionId: 'u-build' })`. */
  openWith(params: Record<string, string>): void {
    device().routerParams = params
  },
  setPageStackDepth(depth: number): void {
    device().pageStackDepth = depth
  },
  setWeChatFontSize(px: number): void {
    device().fontSizeSetting = px
  },
}

function setStorageSync(key: string, value: unknown): void {
  device().storage.set(key, JSON.stringify(value))
}
function getStorageSync(key: string): unknown {
  const raw = device().storage.get(key)
  return raw === undefined ? '' : JSON.parse(raw) // WeChat answers '' for a missing key
}
function removeStorageSync(key: string): void {
  device().storage.delete(key)
}
function getStorageInfoSync(): { keys: string[] } {
  return { keys: [...device().storage.keys()] }
}

const cloud = {
  init(): void {},
  callFunction(param: CloudCall): Promise<{ result: unknown }> {
    device().cloudCalls.push({ name: param.name, data: JSON.parse(JSON.stringify(param.data)) })
    return device().cloudHandler(param)
  },
}

function navigateTo({ url }: { url: string }) {
  device().navigations.push({ kind: 'navigateTo', url })
  return Promise.resolve()
}
function navigateBack() {
  device().navigations.push({ kind: 'navigateBack' })
  return Promise.resolve()
}
function switchTab({ url }: { url: string }) {
  device().navigations.push({ kind: 'switchTab', url })
  return Promise.resolve()
}
function reLaunch({ url }: { url: string }) {
  device().navigations.push({ kind: 'reLaunch', url })
  return Promise.resolve()
}
function getCurrentPages(): unknown[] {
  return Array.from({ length: device().pageStackDepth }, () => ({}))
}
function getAppBaseInfo() {
  return { fontSizeSetting: device().fontSizeSetting }
}
function stopPullDownRefresh(): void {}
function showToast({ title }: { title: string }) {
  device().toasts.push(title)
  return Promise.resolve()
}
function pageScrollTo({ selector, scrollTop }: { selector?: string; scrollTop?: number }) {
  device().scrolls.push(selector === undefined ? { scrollTop } : { selector })
  return Promise.resolve()
}
function noopHook(): void {}

const Taro = {
  setStorageSync,
  getStorageSync,
  removeStorageSync,
  getStorageInfoSync,
  cloud,
  navigateTo,
  navigateBack,
  switchTab,
  reLaunch,
  getCurrentPages,
  getAppBaseInfo,
  stopPullDownRefresh,
  pageScrollTo,
  showToast,
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
}

export default Taro
export {
  setStorageSync,
  getStorageSync,
  removeStorageSync,
  getStorageInfoSync,
  cloud,
  navigateTo,
  navigateBack,
  switchTab,
  reLaunch,
  getCurrentPages,
  getAppBaseInfo,
  stopPullDownRefresh,
  pageScrollTo,
  showToast,
}
export const useLaunch = noopHook
export const usePullDownRefresh = noopHook
export const useDidShow = noopHook
export const useDidHide = noopHook
export const useReady = noopHook
export function useRouter(): { params: Record<string, string> } {
  return { params: device().routerParams }
}
