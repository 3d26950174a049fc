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
  if (left === undefined) return null
  const inWeChat = __TARGET__ === 'weapp'
  return (
    <View className={`rv-balance${left === 0 ? ' rv-balance--empty' : ''}`} role='status'>
      <Text className='rv-balance__text'>
        {left === 0 ? '微信提醒次数已用完，新的申请不会推送到微信（「我的消息」里仍能看到）' : `还能收到 ${left} 次微信待办提醒`}
      </Text>
      {inWeChat ? (
        <Button className='ght-button rv-balance__button' onClick={topUp}>
          {left === 0 ? '开启提醒' : '增加提醒次数'}
        </Button>
      ) : (
        <Text className='rv-balance__text'>（在微信里打开小程序可开启提醒）</Text>
      )}
    </View>
  )
}
