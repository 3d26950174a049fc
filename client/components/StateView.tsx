import { Text, View } from '@tarojs/components'
import Button from './Button'
import { goBack } from '../services/navigation'
import './StateView.scss'

/** `info`: an expected situation (not open yet, not yours to see): said plainly with what to do, no 重试 */
export type ViewState = 'loading' | 'empty' | 'error' | 'offline' | 'info'

export interface StateViewProps {
  state: ViewState
  /** overrides the default sentence of the state (e.g. the server's Chinese error message) */
  message?: string
  /** overrides the default heading (an info state names its situation: 签到还没开始) */
  title?: string
  /** shown as 重试 for error and offline */
  onRetry?: () => void
  /** a 返回 button; on by default for error and offline, so nobody is stuck on a dead screen */
  showBack?: boolean
}

const defaultText: Record<ViewState, { title: string; message: string }> = {
  loading: { title: '正在加载', message: '请稍候…' },
  empty: { title: '暂时没有内容', message: '这里还没有内容' },
  error: { title: '没能加载出来', message: '系统开小差了，请稍后再试' },
  offline: { title: '网络不通', message: '请检查手机网络后点“重试”' },
  info: { title: '请留意', message: '' },
}

/** The loading, empty, error and offline states every screen has, in plain Chinese, with a way back. */
export default function StateView({ state, message, title, onRetry, showBack }: StateViewProps) {
  const text = defaultText[state]
  const canRetry = (state === 'error' || state === 'offline') && onRetry !== undefined
  const withBack = showBack ?? (state === 'error' || state === 'offline')
  return (
    <View className={`state-view state-view--${state}`}>
      {state === 'loading' && <View className='state-view__spinner' />}
      <Text className='state-view__title'>{title ?? text.title}</Text>
      <Text className='state-view__message'>{message ?? text.message}</Text>
      <View className='state-view__actions'>
        {canRetry && (
          <Button className='ght-button ght-button--primary' onClick={onRetry}>
            重试
          </Button>
        )}
        {withBack && (
          <Button className='ght-button' onClick={goBack}>
            返回
          </Button>
        )}
      </View>
    </View>
  )
}
