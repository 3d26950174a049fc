import Taro from '@tarojs/taro'

export const HOME_PATH = '/pages/home/index'
const TAB_PATHS = [HOME_PATH, '/pages/events/index', '/pages/me/index']

const OFFLINE_TOAST = '网络不通，先留在这一页，联网后再打开'

/** H5 knows at once when the phone is offline; the next page's code may not be loaded yet, so stay. */
const knownOffline = () => __TARGET__ === 'h5' && typeof navigator !== 'undefined' && navigator.onLine === false

/** A navigation that could not happen (offline, a page package not downloaded): say so, and the person stays where they are. */
function stayHere(): void {
  void Taro.showToast({ title: OFFLINE_TOAST, icon: 'none', duration: 2500 })
}

function attempt(go: () => Promise<unknown> | void): void {
  if (knownOffline()) return stayHere()
  try {
    void Promise.resolve(go()).catch(stayHere)
  } catch {
    stayHere()
  }
}

/** Back one page; when there is nowhere to go back to (opened from a share or a message), go home. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) {
    Taro.navigateBack({ delta: 1 })
  } else {
    attempt(() => Taro.switchTab({ url: HOME_PATH }))
  }
}

/** Opens a page by its path; tab pages need switchTab, every other page navigateTo. Offline, the person stays and is told. */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url
  if (TAB_PATHS.includes(path)) attempt(() => Taro.switchTab({ url: path }))
  else attempt(() => Taro.navigateTo({ url }))
}
