import type { UserConfigExport } from '@tarojs/cli'

export default {
  jsMinimizer: 'terser',
  cssMinimizer: 'csso',
  mini: {
    enableSourceMap: false,
    // No minifyXML: measured on Taro 4.2.1, html-minifier turns `<input …/>` into an unclosed `<input …>`,
    // which WeChat's wcc rejects ("expect end-tag `input`") as soon as a page uses <Input>.
  },
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
