import Taro from '@tarojs/taro'

/** The app's red (tokens.scss --ght-primary); a native dialog cannot read CSS variables. */
export const PRIMARY_COLOR = '#c8161d'

/**
 * Every confirmation and notice dialog: Taro.showModal in the app's colour (WeChat's default confirm
 * button is green, so 通过 looked different on every screen).
 */
export function showModal(options: Taro.showModal.Option): Promise<Taro.showModal.SuccessCallbackResult> {
  return Taro.showModal({ confirmColor: PRIMARY_COLOR, ...options })
}
