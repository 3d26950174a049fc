import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { notifyActions } from '../../../../shared/notify/actions'
import { useAction } from '../../../hooks/useAction'
import { requestSubscribe } from '../../../services/subscribe'

/**
 * How many 待审批提醒 WeChat will still deliver to this reviewer. Each "允许" in WeChat's popup
 * banks exactly one (one-time subscribe messages), so the count runs down and needs topping up.
 */
export default function NoticeBalance() {
  const balances = useAction(notifyActions.balances, {})
  const left = balances.data?.balances.reviewTodo
  function topUp() {
    // first line of the tap: WeChat opens the popup only from a tap, before any await
    void requestSubscribe(['reviewTodo']).then(balances.reload)
  }
  // only a fact the reviewer must act on is shown: a balance that still has room says nothing
  if (left === undefined || left > 0) return null
  const inWeChat = __TARGET__ === 'weapp'
  // "用完" only when she once allowed it; someone who never did is asked to turn it on, in WeChat only
  // (the H5 stand-in cannot open WeChat's popup, so it has nothing true to say)
  const usedUp = balances.data?.opened.includes('reviewTodo') ?? false
  if (!usedUp && !inWeChat) return null
  return (
    <View className='rv-balance rv-balance--empty' role='status'>
      <Text className='rv-balance__text'>{usedUp ? '微信提醒次数已用完，请留意「我的消息」' : '开启微信提醒，新的待办会通知您'}</Text>
      {inWeChat && (
        <Button className='ght-button rv-balance__button' onClick={topUp}>
          开启提醒
        </Button>
      )}
    </View>
  )
}
