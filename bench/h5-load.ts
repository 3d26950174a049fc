/**
 * Bytes over the wire for the H5 app's first load (issue 13: at most 200 KB): a fresh phone-shaped Chromium,
 * signed in as 王芳, opens `/` on the local cloud serving dist/h5, and Chrome's own network log counts every
 * response's encoded length (headers and compressed body) until the network is idle. Then the same phone
 * opens the app again, to show what caching leaves. Build first: `NODE_ENV=production npx taro build --type h5`.
 *   npx tsx bench/h5-load.ts
 */
import { existsSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type { CDPSession, Page } from 'playwright-core'
import { startLocalCloud } from '../local-cloud'
import { buildFunctions } from '../scripts/build-functions'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { launchBrowser, phoneContext } from '../tests/e2e/support/browser'
import { figure } from './figures'

const H5 = join(__dirname, '..', 'dist', 'h5')
const BUDGET = 200 * 1000

interface Load {
  app: number
  api: number
  files: Array<{ url: string; bytes: number; encoding: string }>
}

/** Opens `path` and sums encodedDataLength per response until the network has been idle. */
async function measure(page: Page, cdp: CDPSession, open: () => Promise<unknown>): Promise<Load> {
  const urls = new Map<string, { url: string; encoding: string }>()
  const sizes = new Map<string, number>()
  const onResponse = (e: { requestId: string; response: { url: string; headers: Record<string, string> } }) =>
    urls.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '' })
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => sizes.set(e.requestId, e.encodedDataLength)
  cdp.on('Network.responseReceived', onResponse)
  cdp.on('Network.loadingFinished', onFinished)
  await open()
  await page.waitForLoadState('networkidle')
  cdp.off('Network.responseReceived', onResponse)
  cdp.off('Network.loadingFinished', onFinished)
  const files = [...sizes].map(([id, bytes]) => ({ url: new URL(urls.get(id)?.url ?? 'http://x/?').pathname, bytes, encoding: urls.get(id)?.encoding ?? '' }))
  const isApi = (url: string) => url.startsWith('/api/') || url.startsWith('/dev/')
  const sum = (list: typeof files) => list.reduce((n, f) => n + f.bytes, 0)
  return { app: sum(files.filter((f) => !isApi(f.url))), api: sum(files.filter((f) => isApi(f.url))), files }
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

async function main(): Promise<void> {
  if (!existsSync(join(H5, 'index.html'))) throw new Error('没有 H5 构建：先运行 NODE_ENV=production npx taro build --type h5')
  for (const [k, v] of Object.entries(LOCAL_PRIVACY_ENV)) process.env[k] ??= v
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-h5-load-'))
  const cloud = await startLocalCloud({ dataDir, seed: true, devLogin: true, staticDir: H5 })
  const browser = await launchBrowser()
  try {
    const context = await phoneContext(browser, cloud.url)
    // sign in without loading the sign-in page, so only the app is counted
    await context.request.post('/dev/login', { form: { openid: 'demo-worker' }, maxRedirects: 0 })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const first = await measure(page, cdp, () => page.goto('/'))
    const again = await measure(page, cdp, () => page.goto('/'))
    console.log('H5 first load as 王芳 (fresh browser, bytes over the wire: headers + encoded bodies)')
    for (const f of [...first.files].sort((a, b) => b.bytes - a.bytes).slice(0, 12)) console.log(`  ${f.url.slice(0, 52).padEnd(54)}${kb(f.bytes).padStart(10)}  ${f.encoding || 'identity'}`)
    console.log(`  app files (html, js, css, images)  ${kb(first.app)}  (target at most ${kb(BUDGET)}: ${first.app <= BUDGET ? 'met' : 'NOT met'})`)
    console.log(`  function answers (/api/fn)         ${kb(first.api)}`)
    console.log(`  total                              ${kb(first.app + first.api)}`)
    console.log(`opening it again (cached): app files ${kb(again.app)}, function answers ${kb(again.api)}`)
    figure('H5 and weapp', 'H5 first load over the wire (app files)', kb(first.app), `at most ${kb(BUDGET)}`, first.app <= BUDGET)
    await context.close()
  } finally {
    await browser.close()
    await cloud.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
