import path from 'node:path'
import { readFileSync } from 'node:fs'
import { weappDist } from './weappBuild'

// miniprogram-simulate 1.6.2 has no types; it sets `wx`, `Component` and `Behavior` on the global object.
const simulate: Simulate = require('miniprogram-simulate')

interface SimNode {
  dom: HTMLElement
  dispatchEvent(type: string, init?: object): void
}
interface SimComponent extends SimNode {
  instance: { data: Record<string, unknown> }
  attach(parent: Element): void
  detach(): void
  querySelector(selector: string): SimNode | undefined
}
interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string
  render(id: string): SimComponent
  sleep(ms: number): Promise<void>
}

type CloudAnswer = { result: unknown } | { errMsg: string }
type CloudHandler = (call: { name: string; data: unknown }) => CloudAnswer
type WxOptions = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: () => void }

/**
 * A phone for the production weapp build: the real `app.js` and page files from dist/weapp, their
 * templates compiled by WeChat's own wcc (miniprogram-simulate's `official` compiler), and a `wx`
 * whose cloud, navigation and storage the test controls. `App` and `Page` are stubbed: a page
 * becomes a simulator component whose attach/ready run the page's onLoad/onShow/onReady.
 */
export class SimulatedPhone {
  readonly cloudCalls: { name: string; data: unknown }[] = []
  readonly navigations: { kind: string; url?: string }[] = []
  readonly storage = new Map<string, string>()
  private cloudHandler: CloudHandler = () => ({ errMsg: 'cloud.callFunction:fail no handler' })
  private pageStack: object[] = []
  private readonly loadedPages = new Map<string, string>()
  private currentRoute = ''
  private app: Record<string, unknown> & { onLaunch?: (this: unknown, o: object) => void } = {}

  constructor(private readonly wechatFontSize = 17) {}

  answerCloudCalls(handler: CloudHandler): void {
    this.cloudHandler = handler
  }

  /** Waits (polling, up to WAIT_LIMIT_MS) until `check` holds; Taro applies taps and answers asynchronously. */
  async until(check: () => boolean): Promise<boolean> {
    return waitUntil(check)
  }

  /** Starts the app once per test file, as WeChat does on launch: runs app.js and its onLaunch. */
  launch(): void {
    const g = globalThis as Record<string, unknown>
    const wx = g.wx as Record<string, unknown>
    const phone = this
    const later = (fn: () => void) => setTimeout(fn, 0)
    const answer = (opts: WxOptions, res: unknown) => later(() => (opts.success?.(res), opts.complete?.()))
    const refuse = (opts: WxOptions, err: unknown) => later(() => (opts.fail?.(err), opts.complete?.()))

    wx.cloud = {
      init() {},
      // Like wx.cloud: callbacks when given, otherwise a promise (Taro passes `cloud` through unwrapped).
      callFunction(opts: WxOptions & { name: string; data: unknown }) {
        const call = { name: opts.name, data: JSON.parse(JSON.stringify(opts.data)) }
        phone.cloudCalls.push(call)
        const reply = phone.cloudHandler(call)
        const usesCallbacks = opts.success !== undefined || opts.fail !== undefined || opts.complete !== undefined
        if (!usesCallbacks) {
          return new Promise((resolve, reject) =>
            later(() => ('errMsg' in reply ? reject(reply) : resolve({ errMsg: 'cloud.callFunction:ok', result: reply.result }))),
          )
        }
        if ('errMsg' in reply) refuse(opts, reply)
        else answer(opts, { errMsg: 'cloud.callFunction:ok', result: reply.result })
        return undefined
      },
    }
    for (const kind of ['navigateTo', 'switchTab', 'redirectTo', 'reLaunch', 'navigateBack'] as const) {
      wx[kind] = (opts: WxOptions & { url?: string }) => {
        phone.navigations.push(opts.url === undefined ? { kind } : { kind, url: opts.url })
        answer(opts, { errMsg: `${kind}:ok` })
      }
    }
    wx.setStorageSync = (key: string, value: unknown) => phone.storage.set(key, JSON.stringify(value))
    wx.getStorageSync = (key: string) => {
      const raw = phone.storage.get(key)
      return raw === undefined ? '' : JSON.parse(raw)
    }
    wx.removeStorageSync = (key: string) => phone.storage.delete(key)
    wx.getAppBaseInfo = () => ({ SDKVersion: '3.4.2', language: 'zh_CN', fontSizeSetting: phone.wechatFontSize })

    g.App = (options: typeof phone.app) => {
      phone.app = options
    }
    g.getApp = () => phone.app
    g.getCurrentPages = () => phone.pageStack
    g.Page = (options: Record<string, unknown>) => {
      const { data, ...rest } = options
      const methods = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'function'))
      const defineComponent = g.Component as (definition: object) => void
      defineComponent({
        data,
        methods,
        lifetimes: {
          attached(this: Record<string, (o?: object) => void> & { route: string }) {
            this.route = phone.currentRoute
            phone.pageStack.push(this)
            this.onLoad({})
          },
          ready(this: Record<string, () => void>) {
            this.onShow()
            this.onReady()
          },
          detached(this: Record<string, () => void>) {
            phone.pageStack = phone.pageStack.filter((p) => p !== this)
            this.onUnload()
          },
        },
      })
    }
    require(path.join(weappDist, 'app.js'))
    this.app.onLaunch?.call(this.app, { path: 'pages/home/index', query: {}, scene: 1001 })
  }

  /** Opens a page of the build, e.g. `pages/home/index`, on top of `depth - 1` other pages. */
  open(route: string, depth = 1): OpenPage {
    this.currentRoute = route
    this.pageStack = Array.from({ length: depth - 1 }, () => ({}))
    let id = this.loadedPages.get(route)
    if (!id) {
      id = simulate.load(path.join(weappDist, route), { compiler: 'official', rootPath: weappDist })
      this.loadedPages.set(route, id)
    }
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    return new OpenPage(page, route)
  }
}

/** How long a condition may take on a busy machine before the caller reports it unmet (it usually holds within ms). */
const WAIT_LIMIT_MS = 30_000

async function waitUntil(check: () => boolean): Promise<boolean> {
  // a deadline, not a count of polls: on a loaded machine each poll's sleep lasts longer than asked
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (Date.now() < deadline) {
    if (check()) return true
    await simulate.sleep(20)
  }
  return check()
}

export class OpenPage {
  constructor(
    readonly page: SimComponent,
    private readonly route: string,
  ) {}

  text(): string {
    return this.page.dom.textContent ?? ''
  }

  /** Waits (polling, up to WAIT_LIMIT_MS) until the page shows `text`. Not a timing assertion: it only waits. */
  async shows(text: string): Promise<boolean> {
    return waitUntil(() => this.text().includes(text))
  }

  /** Taps the innermost element whose text contains `text` and whose template binds tap (Taro's `eh`). */
  tap(text: string): void {
    const candidates = Array.from(this.page.dom.querySelectorAll<HTMLElement>('[data-sid]')).filter((el) =>
      (el.textContent ?? '').includes(text),
    )
    const target = candidates[candidates.length - 1]
    if (!target) throw new Error(`nothing on ${this.route} shows “${text}”`)
    // Taro gives every node id = its sid; the tap bubbles from there to the handler that owns it.
    const node = this.page.querySelector('#' + target.getAttribute('data-sid'))
    if (!node) throw new Error(`no simulator node for “${text}”`)
    node.dispatchEvent('tap')
  }

  /** The value the page gives <page-meta root-font-size>, read through the build's own template binding. */
  rootFontSize(): unknown {
    const wxml = readFileSync(path.join(weappDist, `${this.route}.wxml`), 'utf8')
    const key = /root-font-size="\{\{pageMeta\.(\w+)/.exec(wxml)?.[1]
    if (!key) throw new Error(`${this.route}.wxml has no <page-meta root-font-size> (is enablePageMeta on?)`)
    const pageMeta = this.page.instance.data.pageMeta
    return typeof pageMeta === 'object' && pageMeta !== null ? Reflect.get(pageMeta, key) : undefined
  }

  close(): void {
    this.page.detach()
  }
}
