import Taro, { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { applyToDocument } from './services/largeType'
import './app.scss'

if (__TARGET__ === 'h5') {
  require('./styles/h5.scss')
}

if (__TARGET__ === 'weapp') {
  // No env id: the mini-program's default cloud environment. Set GHT_CLOUD_ENV at build time to pin one.
  Taro.cloud.init(__CLOUD_ENV__ ? { env: __CLOUD_ENV__, traceUser: true } : { traceUser: true })
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    applyToDocument()
  })
  return children
}

export default App
