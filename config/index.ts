import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/** The two targets this project ships. The CLI sets TARO_ENV from `--type` before reading this file. */
export type Target = 'weapp' | 'h5'

function targetFromEnv(): Target {
  const type = process.env.TARO_ENV
  if (type === 'weapp' || type === 'h5') return type
  throw new Error(`工会通 builds only --type weapp or --type h5 (got ${String(type)})`)
}

const root = path.resolve(__dirname, '..')
const shared = path.join(root, 'shared')

export default defineConfig<'webpack5'>((merge) => {
  const target = targetFromEnv()
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'gonghuitong',
    date: '2025-1-1',
    // NutUI is drawn for a 375-wide design; our own styles are in rem and are not converted.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot: `dist/${target}`,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // weapp: base.wxml repeats every component's template once per nesting level (≈ 2.7-5.5 KiB a level, all in
    // the main package). Nodes deeper than 8 go through Taro's `comp` wrapper, which starts again at level 0.
    baseLevel: 8,
    plugins: [],
    defineConstants: {
      // Build-time target: `if (__TARGET__ === 'h5')` is removed from the weapp bundle, so dev sign-in never ships.
      __TARGET__: JSON.stringify(target),
      // WeChat cloud environment id; '' (the default) lets wx.cloud use the mini-program's default environment.
      __CLOUD_ENV__: JSON.stringify(process.env.GHT_CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    mini: {
      compile: { include: [shared] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Modules used only by subpackages stay in those subpackages.
      optimizeMainPackage: { enable: true },
      // Images stay files, never base64 in the page's JS (a third larger; the 首页 icons sit in the capped main package).
      imageUrlLoaderOption: { limit: 1 },
      // Our class names are namespaced per component (BEM), so CSS order between chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      // F2 (the stats subpackage's charts) uses far more tslib helpers than the main package, which shares one
      // tslib module with it: measured, that module grew by 3.4 KiB in main (over the 450 KiB budget). F2 gets
      // its own copy of the same helpers from another file of tslib, which then lives in the subpackage only.
      webpackChain(chain) {
        chain.module
          .rule('f2-own-tslib')
          .test(/node_modules[\\/]@antv[\\/]/)
          .resolve.alias.set('tslib$', path.join(root, 'node_modules/tslib/tslib.es6.js'))
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [shared] },
      // Served from the site root. Measured: basename '/' makes Taro 4.2.1's router resolve
      // '//pages/…' and every page 404s silently (blank page), so it is left empty (= '/').
      router: { mode: 'browser', basename: '' },
      devServer: { host: '127.0.0.1' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      esnextModules: ['nutui-react'],
      postcss: {
        // px stays px on H5 (NutUI is drawn at 375); our sizes are rem from the <html> font size.
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return process.env.NODE_ENV === 'development' ? merge({}, base, devConfig) : merge({}, base, prodConfig)
})
