import { Text, View } from '@tarojs/components'
import { notifyActions } from '../../../../shared/notify/actions'
import { TEMPLATE_KEYS, templates } from '../../../../shared/notify/templates'
import { useAction } from '../../../hooks/useAction'

/**
 * Which subscribe-message templates have no id yet (README: 部署到微信云开发 → 订阅消息模板). The app
 * works without them: those messages reach people only in 我的消息. Says so, so nobody waits for a push
 * that cannot come. Silent while loading or when the answer fails (the list below shows its own errors).
 */
export default function TemplatesNotice() {
  const config = useAction(notifyActions.subscribeConfig, {})
  const ids = config.data?.templateIds
  if (!ids) return null
  const missing = TEMPLATE_KEYS.filter((key) => !ids[key]).map((key) => templates[key].title)
  if (missing.length === 0) return null
  return (
    <View className='rv-notice' role='status'>
      <Text>
        {missing.length === TEMPLATE_KEYS.length ? '微信提醒还没有开通' : `这些微信提醒还没有开通：${missing.join('、')}`}
        。相关消息只在「我的消息」里显示。请系统管理员在微信公众平台选用订阅消息模板，并按部署说明填入模板编号。
      </Text>
    </View>
  )
}
