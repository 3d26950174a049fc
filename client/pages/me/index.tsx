import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { whoamiActions } from '../../../shared/account/schemas'
import ActionView from '../../components/ActionView'
import { Cell } from '../../components/settings/Cell'
import { Switch } from '../../components/settings/Switch'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { useLargeType } from '../../hooks/useLargeType'
import { refreshCounts } from '../../services/badges'
import { openPage } from '../../services/navigation'
import { useReloadOnReturn } from '../../hooks/useReloadOnReturn'
import './index.scss'

export default function Me() {
  const whoami = useAction(whoamiActions.whoami, {})
  const [large, setLarge] = useLargeType()
  const [unread, setUnread] = useState(0)
  useDidShow(() => void refreshCounts().then((c) => c && setUnread(c.unread)))
  // an office accepted or a membership approved since: the unions and 工会管理 follow
  useReloadOnReturn(whoami.reload)

  return (
    <PageShell title='我的'>
      <ActionView state={whoami}>
        {(me) => (
          <View className='ght-card me__profile'>
            <Text className='me__name'>{me.nickName}</Text>
            <Text className='me__unions'>
              {me.grants.length === 0 ? '还没有加入工会' : me.grants.map((g) => `${g.unionName}（${g.roleLabel}）`).join('、')}
            </Text>
          </View>
        )}
      </ActionView>
      <View className='me__settings'>
        <Cell title='我的申请' description='入会、帮扶、事项申请办到哪一步' extra='›' clickable onClick={() => openPage('/packages/review/mine')} />
        <Cell title='我的报名' description='报名的工会活动和入场凭证' extra='›' clickable onClick={() => openPage('/packages/events/index')} />
        {/* a card only for a member; someone without a membership (an office is not one) joins from here */}
        {whoami.data && !whoami.data.grants.some((g) => g.role === 'member') ? (
          <Cell title='申请入会' description='加入工会，享受会员服务' extra='›' clickable onClick={() => openPage('/packages/membership/index')} />
        ) : (
          <Cell title='会员卡' description='电子会员卡、会费' extra='›' clickable onClick={() => openPage('/packages/membership/index')} />
        )}
        <Cell title='我的消息' description={unread > 0 ? `${unread}条未读` : '审批结果和通知'} extra={unread > 0 ? `${unread > 99 ? '99+' : unread} ›` : '›'} clickable onClick={() => openPage('/packages/inbox/index')} />
        <Cell title='隐私与授权' description='我的授权、谁看过我的信息、怎样保护' extra='›' clickable onClick={() => openPage('/packages/about/privacy/index')} />
        {whoami.data?.grants.some((g) => g.role !== 'member') && (
          <Cell title='工会管理' description='我任职的工会：干部、名册、会费、入会邀请' extra='›' clickable onClick={() => openPage('/packages/admin/index')} />
        )}
      </View>
      <View className='me__settings'>
        <Cell
          title='大字模式'
          description='字更大、按钮更大，适合长辈使用'
          extra={<Switch checked={large} onChange={setLarge} ariaLabel='大字模式' loadingIcon={null} />}
        />
        {__TARGET__ === 'h5' && (
          <Cell title='切换演示身份' description='仅本地演示版：换一个人的身份使用' extra='›' clickable onClick={() => window.location.assign('/dev/login')} />
        )}
      </View>
    </PageShell>
  )
}
