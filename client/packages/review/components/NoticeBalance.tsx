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
  return (
    <View className='rv-balance rv-balance--empty' role='status'>
      <Text className='rv-balance__text'>微信提醒次数已用完，请留意「我的消息」</Text>
      {inWeChat && (
        <Button className='ght-button rv-balance__button' onClick={topUp}>
          开启提醒
        </Button>
      )}
    </View>
  )
}
