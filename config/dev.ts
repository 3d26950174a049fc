import type { UserConfigExport } from '@tarojs/cli'

// Watch builds are unminified: the weapp main package is far over WeChat's 2 MB limit. Measure sizes on prod only.
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
