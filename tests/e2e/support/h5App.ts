import { existsSync } from 'fs'
import { join } from 'path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { LOCAL_PRIVACY_ENV } from '../../../server/privacy/devEnv'
import { prepareDemo } from '../../../local-cloud/demo'
import { startTestCloud, type TestCloud } from '../../helpers/localCloud'
import { launchBrowser, phoneContext } from './browser'

process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

const H5 = join(__dirname, '..', '..', '..', 'dist', 'h5')
/**
 * How long one step (a page, a message, a navigation) may take to show on a busy machine (2 shared cores,
 * load about 10). Every wait is for a condition; this only bounds how long before the test says which one failed.
 */
export const STEP_MS = 30_000

export interface H5App {
  cloud: TestCloud
  /** A new phone, signed in through the dev sign-in page as the seeded person named `name`. */
  signedIn(name: string): Promise<Page>
  close(): Promise<void>
}

export interface H5AppOptions {
  /** also prepare the `npm start` demo (events under way, aid at every stage: local-cloud/demo) */
  demo?: boolean
}

/** The H5 build (`NODE_ENV=production npx taro build --type h5`) served by a seeded local cloud with dev sign-in, and a browser. */
export async function startH5App(opts: H5AppOptions = {}): Promise<H5App> {
  if (!existsSync(join(H5, 'index.html'))) throw new Error('没有 H5 构建：先运行 NODE_ENV=production npx taro build --type h5')
  const cloud = await startTestCloud({ seed: true, staticDir: H5, devLogin: true })
  if (opts.demo) {
    try {
      await prepareDemo(cloud)
    } catch (e) {
      await cloud.cleanup()
      throw e
    }
  }
  let browser: Browser
  try {
    browser = await launchBrowser()
  } catch (e) {
    await cloud.cleanup()
    throw e
  }
  const contexts: BrowserContext[] = []
  return {
    cloud,
    async signedIn(name) {
      const context = await phoneContext(browser, cloud.url)
      contexts.push(context)
      const page = await context.newPage()
      // every locator action and wait on this page gets the step limit, not Playwright's unbounded default
      page.setDefaultTimeout(STEP_MS)
      page.setDefaultNavigationTimeout(STEP_MS)
      await page.goto('/dev/login')
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('button', { hasText: name }).tap()])
      return page
    },
    async close() {
      for (const c of contexts) await c.close()
      await browser.close()
      await cloud.cleanup()
    },
  }
}

/**
 * Taro's H5 components listen for taps (touch-end), so every press is a tap(). Taro renders <Input> as
 * <taro-input-core> around a real <input>: `fill` types into that, found by its `field` attribute.
 * Taro keeps the pages under the current one in the document (hidden), so every action and wait picks the first
 * *visible* match, re-evaluated until it appears: taking the first match of all could pick one on a hidden page
 * and wait on it forever while the visible one is there (issue 13: "an element still hidden").
 * `visibleOnly` is kept for the callers that pass it; matches are visible-only either way.
 */
export function pageActions({ field }: { field: 'name' | 'placeholder'; visibleOnly?: boolean }) {
  const one = (found: Locator) => found.filter({ visible: true }).first()
  return {
    tapText: async (page: Page, text: string | RegExp) => {
      await scrollAtRest(page)
      await one(page.getByText(text, { exact: typeof text === 'string' })).tap()
    },
    fill: async (page: Page, key: string, value: string) => {
      await scrollAtRest(page)
      await one(page.locator(`taro-input-core[${field}="${key}"] input`)).fill(value)
    },
    see: (page: Page, text: string | RegExp) =>
      one(page.getByText(text))
        .waitFor({ timeout: STEP_MS })
        .catch(async (err: unknown) => {
          throw new Error(`${err instanceof Error ? err.message : String(err)}\n${await shownText(page)}`)
        }),
  }
}

/**
 * Waits until the page has stopped scrolling. A form that finds a mistake scrolls to it (Taro.pageScrollTo, 200 ms
 * in timer steps): on a busy machine Playwright can find the target still between two steps, tap, and the next
 * step moves the page under the finger, so the tap lands beside the target (the events walk lost a tap on 'M' this
 * way on CI). A person waits for the page to stop; so does the test: no scroll position changed for 200 ms.
 */
export async function scrollAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __ghtScroll?: { at: string; since: number } }
      const at = [window.scrollY, ...Array.from(document.querySelectorAll('.taro_page'), (p) => p.scrollTop)].join(',')
      const now = performance.now()
      if (w.__ghtScroll?.at !== at) {
        w.__ghtScroll = { at, since: now }
        return false
      }
      return now - w.__ghtScroll.since >= 200
    },
    undefined,
    { polling: 50, timeout: STEP_MS },
  )
}

/** What the person had on screen when a wait failed (the page's visible text, shortened), so a failure on CI says why. */
async function shownText(page: Page): Promise<string> {
  const text = await page
    .evaluate(() => document.body.innerText)
    .catch((e: unknown) => `(page text unavailable: ${e instanceof Error ? e.message : String(e)})`)
  const flat = text.replace(/\s+/g, ' ').trim()
  return `screen at ${page.url()}: ${flat.length > 800 ? `${flat.slice(0, 800)}…` : flat}`
}

/**
 * startH5App for the whole test file: call at the top, after jest.setTimeout; it registers the file's
 * beforeAll (start) and afterAll (close). A file's own beforeAll registered after it runs once the app is up.
 */
export function h5AppForFile(opts: H5AppOptions = {}): { signedIn(name: string): Promise<Page>; cloud(): TestCloud } {
  let app: H5App | undefined
  beforeAll(async () => {
    app = await startH5App(opts)
  })
  afterAll(async () => {
    await app?.close()
  })
  const started = () => {
    if (!app) throw new Error('H5 应用还没有启动')
    return app
  }
  return { signedIn: (name) => started().signedIn(name), cloud: () => started().cloud }
}
