import { mkdirSync } from 'fs'
import { join } from 'path'
import type { Page } from 'playwright-core'

/**
 * Looking at the screen, not only the DOM: a white-on-white button passes every text assertion. These
 * helpers save what a person would see and fail on controls a person could not read.
 *
 *   await saveScreen(page, 'wangfang-01-home')
 *   await expectReadableControls(page)            // throws, listing every bad control
 */

/** Where screenshots go (git-ignored). */
export const SCREENS_DIR = join(__dirname, '..', '..', '..', '.tmp', 'screens')

/** Lowest contrast a control's text may have (WCAG 2.1 SC 1.4.11 / large text). */
export const MIN_CONTRAST = 3

/**
 * What counts as a control: buttons, links, tabs, and the app's tappable classes (tiles, list rows, the
 * navigation bar's 返回). Others may pass more selectors for their own tappable rows.
 */
export const CONTROL_SELECTORS = [
  'taro-button-core',
  'button',
  'a[href]',
  '[role="button"]',
  '[role="link"]',
  '[role="tab"]',
  '.nut-tabs-titles-item',
  '.weui-tabbar__item',
  '.ght-link',
  '.ght-button',
  '[class*="__tile"]:not([class*="__tile-"])',
  '.page-shell__bar-back',
  '.page-shell__back',
  '.home__large-switch',
]

export interface ControlProblem {
  /** the control's visible text, or its tag and class when it has none */
  control: string
  problem: 'empty' | 'contrast'
  /** for contrast: the ratio, text colour and the background it sits on */
  detail: string
}

export async function saveScreen(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const path = join(SCREENS_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Every visible control on the page that has no text or whose text is below MIN_CONTRAST. */
export async function findControlProblems(page: Page, extraSelectors: readonly string[] = []): Promise<ControlProblem[]> {
  return page.evaluate(
    ({ selectors, min }) => {
      type Rgba = [number, number, number, number]
      const parse = (css: string): Rgba | null => {
        const m = /rgba?\(([^)]+)\)/.exec(css)
        if (!m) return null
        const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number)
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1]
      }
      // a over b
      const over = (a: Rgba, b: Rgba): Rgba => {
        const alpha = a[3] + b[3] * (1 - a[3])
        if (alpha === 0) return [0, 0, 0, 0]
        const mix = (i: number) => (a[i] * a[3] + b[i] * b[3] * (1 - a[3])) / alpha
        return [mix(0), mix(1), mix(2), alpha]
      }
      const luminance = ([r, g, b]: Rgba) => {
        const lin = (c: number) => {
          const s = c / 255
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
        }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
      }
      const ratio = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
        return (hi + 0.05) / (lo + 0.05)
      }
      // The colour under an element: its own background and every ancestor's, composed over white.
      // A gradient counts as its first colour stop (the member card's red).
      const backgroundOf = (el: Element): Rgba => {
        const layers: Rgba[] = []
        for (let node: Element | null = el; node; node = node.parentElement) {
          const style = getComputedStyle(node)
          const color = parse(style.backgroundColor)
          const image = style.backgroundImage !== 'none' ? parse(style.backgroundImage) : null
          if (image) layers.push(image)
          if (color && color[3] > 0) layers.push(color)
          if ((image && image[3] === 1) || (color && color[3] === 1)) break
        }
        return layers.reduceRight<Rgba>((under, layer) => over(layer, under), [255, 255, 255, 1])
      }
      const opacityOf = (el: Element) => {
        let o = 1
        for (let node: Element | null = el; node; node = node.parentElement) o *= Number(getComputedStyle(node).opacity)
        return o
      }
      const visible = (el: Element) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.height > 0 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      }
      const label = (el: Element) => {
        const text = (el as HTMLElement).innerText?.trim()
        return text || `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`
      }
      const problems: Array<{ control: string; problem: 'empty' | 'contrast'; detail: string }> = []
      const seen = new Set<Element>()
      for (const el of Array.from(document.querySelectorAll(selectors.join(',')))) {
        if (seen.has(el) || !visible(el)) continue
        seen.add(el)
        const text = (el as HTMLElement).innerText?.trim() ?? ''
        const named = text || el.getAttribute('aria-label')?.trim() || el.querySelector('img[alt]')?.getAttribute('alt')?.trim()
        if (!named) {
          problems.push({ control: label(el), problem: 'empty', detail: '没有文字' })
          continue
        }
        // every element inside the control that draws text of its own
        const texts = [el, ...Array.from(el.querySelectorAll('*'))].filter(
          (n) => visible(n) && Array.from(n.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').trim() !== ''),
        )
        for (const node of texts) {
          const style = getComputedStyle(node)
          const fg = parse(style.color)
          if (!fg) continue
          const bg = backgroundOf(node)
          const shown: Rgba = [fg[0], fg[1], fg[2], fg[3] * opacityOf(node)]
          const r = ratio(over(shown, bg), bg)
          if (r < min) {
            problems.push({ control: label(el), problem: 'contrast', detail: `${r.toFixed(2)}:1（文字 ${style.color}，背景 rgb(${bg.slice(0, 3).map(Math.round).join(', ')})）` })
            break
          }
        }
      }
      return problems
    },
    { selectors: [...CONTROL_SELECTORS, ...extraSelectors], min: MIN_CONTRAST },
  )
}

/** Fails, naming each control, when any visible control has no text or text below 3:1. */
export async function expectReadableControls(page: Page, screen = '', extraSelectors: readonly string[] = []): Promise<void> {
  const problems = await findControlProblems(page, extraSelectors)
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.problem === 'empty' ? '空白控件' : '对比度不足'}：${p.control} — ${p.detail}`)
    throw new Error(`${screen ? `${screen}：` : ''}${problems.length} 个控件看不清\n${lines.join('\n')}`)
  }
}
