import { existsSync } from 'fs'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** Debian's chromium; nothing is downloaded at install time (DEVELOPERS.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}。请先运行 apt-get install -y chromium（npm test 会自动安装）。`)
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
}

/** A phone-shaped, touch-enabled context: Taro's H5 form submit fires on touch-end, so tests use tap(). */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}
