/**
 * Page config shared by every page: `export default definePageConfig(pageConfig('会员卡'))` in index.config.ts.
 * `enablePageMeta` lets PageShell set the large-type root font size on weapp.
 */
export function pageConfig(title: string, extra: Omit<Taro.PageConfig, 'navigationBarTitleText'> = {}): Taro.PageConfig {
  return { navigationBarTitleText: title, enablePageMeta: true, ...extra }
}
