import { existsSync, readFileSync, statSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'
import { BUILD_LIMIT_MS, ensureProductionWeappBuild } from './support/weappBuild'

/** WeChat's tab bar shows an icon only from a PNG/JPG in the package, at most 40 KB (tabBar.list[].iconPath). */
const WEAPP = join(__dirname, '..', '..', 'dist', 'weapp')
const Tab = z.object({ pagePath: z.string(), text: z.string().min(1), iconPath: z.string().regex(/\.png$/), selectedIconPath: z.string().regex(/\.png$/) })
const AppJson = z.object({ tabBar: z.object({ list: z.array(Tab) }) })

beforeAll(() => {
  ensureProductionWeappBuild()
}, BUILD_LIMIT_MS)

describe('the shipped tab bar', () => {
  it('gives every tab a label and both icons, shipped in the package and small enough for WeChat', () => {
    const app = AppJson.parse(JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')))
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '活动', '我的'])
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const file = join(WEAPP, icon)
        expect([icon, existsSync(file)]).toEqual([icon, true])
        expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024)
      }
    }
  })
})
