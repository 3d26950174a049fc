import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { whoamiActions } from '../../../shared/account/schemas'
import { REVIEW_ROLES } from '../../../shared/domain/union'
import { browseActions } from '../../../shared/events/card'
import ActionView from '../../components/ActionView'
import EventSummary from '../../components/EventSummary'
import PageShell from '../../components/PageShell'
import { useAction } from '../../hooks/useAction'
import { useReloadOnReturn } from '../../hooks/useReloadOnReturn'
import { openPage } from '../../services/navigation'
import './index.scss'

/** 活动 tab: the next few events the person may join; the full list, filters and 我的报名 are in the events subpackage. */
export default function EventsTab() {
  const upcoming = useAction(browseActions.browse, { limit: 5 })
  const me = useAction(whoamiActions.whoami, {})
  // chairs, vice-chairs and federation staff organise: 我组织的活动 is one tap away, 现场签到 and 导出 two
  const organises = me.data?.grants.some((g) => REVIEW_ROLES.includes(g.role)) === true
  useReloadOnReturn(upcoming.reload)
  usePullDownRefresh(() => {
    upcoming.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <PageShell title='工会活动'>
      {organises && (
        <View className='ght-card' role='link' onClick={() => openPage('/packages/events/manage/index')}>
          <Text className='ght-link'>我组织的活动 ›</Text>
          <Text className='events-tab__note'>发布活动、报名名单和导出、现场签到</Text>
        </View>
      )}
      <ActionView state={upcoming} isEmpty={(d) => d.items.length === 0} emptyMessage='近期还没有活动，有新活动时会在这里显示'>
        {(d) => (
          <View>
            {d.items.map((e) => (
              <EventSummary key={e.eventId} event={e} onOpen={() => openPage(`/packages/events/detail/index?id=${e.eventId}`)} />
            ))}
          </View>
        )}
      </ActionView>
      <View className='ght-card' role='link' onClick={() => openPage('/packages/events/index')}>
        <Text className='ght-link'>查看全部活动和我的报名 ›</Text>
      </View>
    </PageShell>
  )
}
