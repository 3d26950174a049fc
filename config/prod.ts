import type { UserConfigExport } from '@tarojs/cli'

export default {
  jsMinimizer: 'terser',
  cssMinimizer: 'csso',
  // weapp: WeChat reads code files as UTF-8, so Chinese text stays 3 bytes a character instead of Taro's default
  // \uXXXX escapes (6 bytes), in the capped main package as in the subpackages (issue 13). H5 keeps the default.
  ...(process.env.TARO_ENV === 'weapp' ? { terser: { enable: true, config: { output: { ascii_only: false } } } } : {}),
  mini: {
    enableSourceMap: false,
    // No minifyXML: measured on Taro 4.2.1, html-minifier turns `<input …/>` into an unclosed `<input …>`,
    // which WeChat's wcc rejects ("expect end-tag `input`") as soon as a page uses <Input>.
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
