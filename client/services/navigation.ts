import Taro from '@tarojs/taro'

export const HOME_PATH = '/pages/home/index'
const TAB_PATHS = [HOME_PATH, '/pages/events/index', '/pages/me/index']

/** Back one page; when there is nowhere to go back to (opened from a share or a message), go home. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) {
    Taro.navigateBack({ delta: 1 })
  } else {
    Taro.switchTab({ url: HOME_PATH })
  }
}

/** Opens a page by its path; tab pages need switchTab, every other page navigateTo. */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url
  if (TAB_PATHS.includes(path)) Taro.switchTab({ url: path })
  else Taro.navigateTo({ url })
}
