/// <reference types="@tarojs/taro" />

/** Build target, replaced at build time by config/index.ts (defineConstants). */
declare const __TARGET__: 'weapp' | 'h5'
/** WeChat cloud environment id ('' = the default environment of the mini-program). */
declare const __CLOUD_ENV__: string

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.svg' {
  const src: string
  export default src
}
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'quickapp'
  }
}
