/**
 * Draws the app's icons: hand-written SVG below, rendered to PNG by the Debian chromium (no downloads).
 * WeChat's tab bar takes only PNG/JPG files (≤ 40 KB, 81×81 advised), and a weapp page cannot draw inline
 * SVG, so the PNGs are committed in client/assets. Run again after changing a drawing:
 *   npx tsx scripts/icons.ts
 * Each PNG then goes through Debian's pngquant (256-colour palette, about a third smaller): the tab and 首页
 * icons sit in the weapp main package, whose size is capped (issue 13).
 */
import { spawnSync } from 'child_process'
import { mkdirSync, writeFileSync } from 'fs'
import { join } from 'path'
import { launchBrowser } from '../tests/e2e/support/browser'

const RED = '#c8161d'
const GREY = '#595959'

/** 24×24 line drawings (stroke only), one per tab or home tile. */
const drawings: Record<string, string> = {
  home: '<path d="M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z"/>',
  events: '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/><path d="m9 15 2 2 4-4"/>',
  me: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>',
  card: '<rect x="2.5" y="5" width="19" height="14" rx="2"/><circle cx="8" cy="11" r="2"/><path d="M5 16c.6-1.5 1.7-2.2 3-2.2s2.4.7 3 2.2M14 10h5M14 13.5h4"/>',
  join: '<circle cx="10" cy="8" r="4"/><path d="M2.5 21c0-4.4 3.4-7 7.5-7 1.6 0 3 .4 4.2 1M18 14v7M14.5 17.5h7"/>',
  review: '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V3h6v1M8.5 12l2.5 2.5 4.5-4.5M9 18h6"/>',
  aid: '<path d="M12 20s-7.5-4.5-7.5-10A4.2 4.2 0 0 1 12 7.6 4.2 4.2 0 0 1 19.5 10C19.5 15.5 12 20 12 20z"/>',
  inbox: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6 8.5 7 8.5-7"/>',
}

function svg(name: string, color: string, px: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="${px}" height="${px}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${drawings[name]}</svg>`
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', 'client', 'assets')
  const outputs: Array<{ file: string; markup: string; px: number }> = []
  for (const tab of ['home', 'events', 'me']) {
    outputs.push({ file: join(root, 'tab', `${tab}.png`), markup: svg(tab, GREY, 81), px: 81 })
    outputs.push({ file: join(root, 'tab', `${tab}-on.png`), markup: svg(tab, RED, 81), px: 81 })
  }
  for (const tile of ['card', 'join', 'review', 'aid', 'events', 'inbox']) {
    outputs.push({ file: join(root, 'icons', `${tile}.png`), markup: svg(tile, RED, 96), px: 96 })
  }
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    for (const out of outputs) {
      await page.setViewportSize({ width: out.px, height: out.px })
      await page.setContent(`<html><body style="margin:0;background:transparent">${out.markup}</body></html>`)
      mkdirSync(join(out.file, '..'), { recursive: true })
      writeFileSync(out.file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: out.px, height: out.px } }))
      quantize(out.file)
    }
  } finally {
    await browser.close()
  }
  console.log(`drew ${outputs.length} icons in client/assets`)
}

/** Rewrites the PNG with a palette; without pngquant (apt-get install pngquant) the full-colour file stays, and says so. */
function quantize(file: string): void {
  const run = spawnSync('pngquant', ['--force', '--ext', '.png', '--quality', '80-100', '--strip', '--speed', '1', file], { stdio: 'inherit' })
  if (run.error || run.status !== 0) console.warn(`pngquant did not run on ${file}: it stays full-colour (larger main package)`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
