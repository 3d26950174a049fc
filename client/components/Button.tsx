import { Button as TaroButton } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'

/**
 * The app's one button: use it instead of `Button` from @tarojs/components.
 * Taro's H5 button puts `disabled={false}` on the element as `disabled="false"`, and Taro's own rule
 * `taro-button-core[disabled]{color:rgba(255,255,255,.6)}` matches any value, so every enabled button drew
 * pale or white text. Here `disabled` reaches Taro only when it is true.
 */
export default function Button({ disabled, loading, ...rest }: ButtonProps) {
  return <TaroButton {...rest} {...(disabled ? { disabled: true } : {})} {...(loading ? { loading: true } : {})} />
}
