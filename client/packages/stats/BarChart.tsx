import { Canvas as F2Canvas, Axis, Chart, Interval, TextGuide, jsx, type AxisProps, type CanvasProps, type ChartProps, type IntervalProps } from '@antv/f2'
import { Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

/**
 * A horizontal bar chart drawn by @antv/f2 on a Taro `<Canvas type='2d'>`. F2 lives only in this
 * subpackage (the main package is near its size budget). The figures it draws are also in the page's
 * tables: the chart is a picture of them, never the only place a figure is.
 *
 * Sizes and colours come from the design tokens through CSS (stats.scss `.st__chart`): the canvas's own
 * `font-size` (--ght-font-s, so 大字模式 scales the labels) and `color` (--ght-primary, the bars), and the
 * card's `color` (--ght-text, the labels). The chart reads them back from the rendered element.
 */
export interface BarItem {
  label: string
  value: number
  /** the value as a person reads it: 12人次, ¥1,200.00 */
  shown: string
}

interface Drawn {
  destroy(): void
}

interface Target {
  context: CanvasRenderingContext2D
  width: number
  height: number
  pixelRatio: number
  fontPx: number
  barColor: string
  textColor: string
  /** weapp has no window.requestAnimationFrame: the canvas node's own (F2 asks for one even with animate off) */
  raf?: { request: (cb: () => void) => number; cancel: (id: number) => void }
  offscreen?: CanvasProps['offscreenCanvas']
}

const px = (css: string | undefined, fallback: number): number => {
  const n = parseFloat(css ?? '')
  return Number.isFinite(n) && n > 0 ? n : fallback
}

/** H5: the real <canvas> inside Taro's <taro-canvas-core>, once that element has rendered it. */
async function h5Target(id: string): Promise<Target | null> {
  const host = document.getElementById(id) as (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | null
  if (!host) return null
  if (host.componentOnReady) await host.componentOnReady()
  const canvas = host.querySelector('canvas')
  const context = canvas?.getContext('2d')
  if (!canvas || !context) return null
  const box = canvas.getBoundingClientRect()
  const own = getComputedStyle(host)
  const card = host.parentElement ? getComputedStyle(host.parentElement) : own
  const pixelRatio = window.devicePixelRatio || 1
  canvas.width = Math.round(box.width * pixelRatio)
  canvas.height = Math.round(box.height * pixelRatio)
  return {
    context,
    width: box.width,
    height: box.height,
    pixelRatio,
    fontPx: px(own.fontSize, 14),
    barColor: own.color,
    textColor: card.color,
  }
}

interface WeappCanvasNode {
  width: number
  height: number
  getContext(type: '2d'): CanvasRenderingContext2D
  requestAnimationFrame(cb: () => void): number
  cancelAnimationFrame(id: number): void
}

interface WeappFields {
  node?: WeappCanvasNode
  width?: number
  height?: number
  color?: string
  'font-size'?: string
}

/** weapp: the canvas node through a selector query, sized for the screen's pixel ratio. */
function weappTarget(id: string): Promise<Target | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true, computedStyle: ['color', 'font-size'] })
      .select(`#${id}-box`)
      .fields({ computedStyle: ['color'] })
      .exec((res: Array<WeappFields | null>) => {
        const own = res[0]
        const node = own?.node
        if (!node || !own.width || !own.height) return resolve(null)
        const pixelRatio = Taro.getWindowInfo().pixelRatio || 1
        node.width = Math.round(own.width * pixelRatio)
        node.height = Math.round(own.height * pixelRatio)
        resolve({
          context: node.getContext('2d'),
          width: own.width,
          height: own.height,
          pixelRatio,
          fontPx: px(own['font-size'], 14),
          barColor: own.color ?? '',
          textColor: res[1]?.color ?? '',
          raf: { request: (cb) => node.requestAnimationFrame(cb), cancel: (handle) => node.cancelAnimationFrame(handle) },
          // Text is measured on a canvas of its own (F2 resizes the one it measures on). F2 types it as a DOM
          // canvas; WeChat's offscreen canvas has the 2d context and size F2 uses for measuring, not Taro's DOM types.
          offscreen: Taro.createOffscreenCanvas({ type: '2d', width: 10, height: 10 }) as unknown as CanvasProps['offscreenCanvas'],
        })
      })
  })
}

/**
 * F2's `jsx`, called as a function (React's JSX runtime owns TSX here). Its declared ElementType does not
 * accept F2's own generic component classes, so the type is widened; props are checked by `satisfies` below.
 */
const el = jsx as (type: unknown, props: object) => ReturnType<typeof jsx>

/** Draws the bars: categories down the left, one bar each, its value as text at the bar's end. */
function draw(t: Target, items: BarItem[]): Drawn {
  const max = Math.max(1, ...items.map((i) => i.value))
  const font = t.fontPx
  // Transposed, F2 puts the first category at the bottom; reversed, the chart reads top-down like the table.
  const data = [...items].reverse().map((i) => ({ label: i.label, value: i.value, shown: i.shown }))
  // Rough text widths (a CJK character is about 1em, others about 0.6em) for the room the values need.
  const textWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? 1 : 0.6), 0) * font
  const room = Math.max(...items.map((i) => textWidth(i.shown))) + font
  const plot = Math.max(room * 2, t.width - Math.max(...items.map((i) => textWidth(i.label))) - font * 2)
  const chart = el(Chart, {
    data,
    coord: { transposed: true },
    // F2's default is 30px all round; the axis labels and the values at the bars' ends bring their own room
    style: { padding: [font * 0.25, font * 0.5, font * 0.25, font * 0.5] },
    // the longest bar stops `room` short of the edge, so its value fits beside it
    scale: { value: { min: 0, max: (max * plot) / (plot - room), nice: false } },
    children: [
      el(Axis, { field: 'label', style: { label: { fontSize: font, fill: t.textColor }, grid: { stroke: 'transparent' } } } satisfies AxisProps),
      el(Axis, { field: 'value', visible: false } satisfies AxisProps),
      el(Interval, { x: 'label', y: 'value', color: t.barColor, size: Math.round(font * 1.3) } satisfies IntervalProps),
      ...data.map((d) =>
        el(TextGuide, {
          key: d.label,
          records: [{ label: d.label, value: d.value }],
          content: d.shown,
          offsetX: font * 0.4,
          style: { fontSize: font, fill: t.textColor, textAlign: 'start', textBaseline: 'middle' },
        }),
      ),
    ],
  } satisfies ChartProps)
  const root = el(F2Canvas, {
    context: t.context,
    pixelRatio: t.pixelRatio,
    width: t.width,
    height: t.height,
    // sizes given here are already CSS px of this screen, not 750-wide design px
    px2hd: (v: number) => v,
    theme: { fontSize: font },
    animate: false,
    requestAnimationFrame: t.raf?.request,
    cancelAnimationFrame: t.raf?.cancel,
    offscreenCanvas: t.offscreen,
    children: chart,
  } satisfies CanvasProps)
  const canvas = new F2Canvas(root.props)
  void canvas.render()
  return canvas
}

let nextId = 0

/**
 * A card with a title and the chart, or the `empty` sentence when every value is 0 (no blank canvas).
 * The chart is drawn once per `items`; it is destroyed on unmount and before a redraw, so a new year or
 * union (the page re-keys this component) starts from a clean canvas.
 */
export default function BarChart({ title, items, empty }: { title: string; items: BarItem[]; empty: string }) {
  const [id] = useState(() => `st-chart-${++nextId}`)
  const hasData = items.some((i) => i.value > 0)
  const [failed, setFailed] = useState(false)
  const key = JSON.stringify(items)

  useEffect(() => {
    if (!hasData) return
    let drawn: Drawn | null = null
    let gone = false
    const find = __TARGET__ === 'h5' ? () => h5Target(id) : () => weappTarget(id)
    // weapp renders through setData: the node exists after the next tick, not at effect time.
    Taro.nextTick(() => {
      if (gone) return
      find()
        .then((target) => {
          if (gone) return
          if (!target) return setFailed(true)
          drawn = draw(target, items)
        })
        .catch(() => !gone && setFailed(true))
    })
    return () => {
      gone = true
      drawn?.destroy()
      drawn = null
    }
    // `key` stands for `items` (a new array on every render of the page)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key, hasData])

  const rowRem = 2.25
  return (
    <View className='ght-card' id={`${id}-box`}>
      <Text className='st__title'>{title}</Text>
      {hasData ? (
        <Canvas type='2d' id={id} className='st__chart' style={{ height: `${items.length * rowRem + 0.5}rem` }} />
      ) : (
        <Text className='st__empty'>{empty}</Text>
      )}
      {hasData && failed && <Text className='st__empty'>图表没能画出来，数字见下方表格</Text>}
    </View>
  )
}
