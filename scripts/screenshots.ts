/**
 * The README's screenshots, made from the demo: a fresh local cloud with the `npm start` demo data in a
 * temporary directory, the H5 build, Chromium at 375×812 with the CJK font. Each screen is saved to
 * docs/screens/<name>.png and shrunk with pngquant (Debian package) when it is installed.
 *   NODE_ENV=production npx taro build --type h5 && npx tsx scripts/build-functions.ts
 *   npx tsx scripts/screenshots.ts
 */
import { spawnSync } from 'child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type { Page } from 'playwright-core'
import { startLocalCloud } from '../local-cloud'
import { prepareDemo } from '../local-cloud/demo'
import { listMovableEvents } from '../local-cloud/demo/clock'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { launchBrowser } from '../tests/e2e/support/browser'

const ROOT = join(__dirname, '..')
const OUT = join(ROOT, 'docs', 'screens')
const STEP_MS = 30_000

interface Shot {
  name: string
  person: string
  /** a page the person opens (the app's own paths), and the text that shows it has loaded */
  path: string | (() => Promise<string>)
  waitFor: string
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/h5/index.html'))) throw new Error('没有 H5 构建：先运行 NODE_ENV=production npx taro build --type h5')
  for (const [k, v] of Object.entries(LOCAL_PRIVACY_ENV)) process.env[k] ??= v
  const dataDir = mkdtempSync(join(tmpdir(), 'ght-screens-'))
  const cloud = await startLocalCloud({ port: 0, dataDir, seed: true, staticDir: join(ROOT, 'dist/h5'), devLogin: true })
  const browser = await launchBrowser()
  try {
    await prepareDemo(cloud)
    const underWay = async () => {
      const event = (await listMovableEvents()).find((e) => e.startAt.getTime() <= Date.now())
      if (!event) throw new Error('演示数据里没有正在进行的活动')
      return event._id
    }
    const shots: Shot[] = [
      { name: '1-home', person: '王芳', path: '/', waitFor: '您好，王芳' },
      { name: '2-card', person: '王芳', path: '/packages/membership/index', waitFor: '会员编号' },
      { name: '3-events', person: '王芳', path: '/pages/events/index', waitFor: '职工书法摄影作品展' },
      { name: '4-pass', person: '王芳', path: async () => `/packages/events/pass/index?id=${await underWay()}`, waitFor: '职工书法摄影作品展' },
      { name: '5-review', person: '张建国', path: '/packages/review/index', waitFor: '陈*申请入会' },
      { name: '6-cadre', person: '陈静', path: '/', waitFor: '您好，陈静' },
    ]
    mkdirSync(OUT, { recursive: true })
    const pages = new Map<string, Page>()
    for (const shot of shots) {
      let page = pages.get(shot.person)
      if (!page) {
        const context = await browser.newContext({ baseURL: cloud.url, viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
        page = await context.newPage()
        await page.goto('/dev/login')
        await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('button', { hasText: shot.person }).tap()])
        pages.set(shot.person, page)
      }
      const path = typeof shot.path === 'string' ? shot.path : await shot.path()
      if (page.url() !== cloud.url + path) await page.goto(path)
      await page.getByText(shot.waitFor).filter({ visible: true }).first().waitFor({ timeout: STEP_MS })
      await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state-view--loading')).some((e) => e.checkVisibility()), undefined, { timeout: STEP_MS })
      const file = join(OUT, `${shot.name}.png`)
      await page.screenshot({ path: file })
      // 256 colours are plenty for flat UI; the files stay a few tens of KB each
      const shrunk = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '60-90', '--output', file, file])
      console.log(`${file.slice(ROOT.length + 1)}  ${Math.round(statSync(file).size / 1024)} KB${shrunk.status === 0 ? '' : '（未压缩：没有 pngquant）'}`)
    }
  } finally {
    await browser.close()
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
