import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { eventsActions } from '../../../../shared/events/actions'
import ActionView from '../../../components/ActionView'
import { formatTimeRange } from '../../../components/EventSummary'
import PageShell from '../../../components/PageShell'
import { usePaged } from '../../../hooks/usePaged'
import { useReloadOnReturn } from '../../../hooks/useReloadOnReturn'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import LoadMore from '../components/LoadMore'
import '../events.scss'

/** 我组织的活动: the events of the unions I organise for, with their sign-up counts. */
export default function ManagePage() {
  const list = usePaged('manage', (cursor) => call(eventsActions.manageList, cursor ? { cursor, limit: 20 } : { limit: 20 }), (p) => p.items)
  useReloadOnReturn(list.reload)
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <PageShell title='我组织的活动' back>
      <ActionView state={list}>
        {(d) =>
          d.first.unions.length === 0 ? (
            <View className='ght-card'>
              <Text className='ev__line'>只有工会主席、副主席和工会联合会干部可以组织活动。</Text>
            </View>
          ) : (
            <View>
              <View className='ght-card'>
                <Text className='ev__weak'>可以为{d.first.unions.map((u) => u.name).join('、')}组织活动。</Text>
                <View className='ev__actions'>
                  <Button className='ght-button ght-button--primary' onClick={() => openPage('/packages/events/edit/index')}>
                    发布新活动
                  </Button>
                </View>
              </View>
              {d.items.length === 0 && (
                <View className='ght-card'>
                  <Text className='ev__line'>还没有组织过活动，点“发布新活动”开始。</Text>
                </View>
              )}
              {d.items.map((e) => (
                <View key={e.eventId} className='ev__tile'>
                  <View role='link' onClick={() => openPage(`/packages/events/participants/index?id=${e.eventId}`)}>
                    <View className='ev__row'>
                      <Text className='ev__row-main ev__sub'>{e.title}</Text>
                      <Text className='ev__tag'>{e.statusLabel}</Text>
                    </View>
                    <Text className='ev__weak'>{formatTimeRange(e.startAt, e.endAt)} · {e.place}</Text>
                    <Text className='ev__line'>
                      报名成功{e.confirmed}/{e.capacity} · 候补{e.waitlisted} · 待审核{e.pending}
                    </Text>
                    <Text className='ght-link'>报名名单 ›</Text>
                  </View>
                  <View className='ev__choices'>
                    <Button className='ght-button' onClick={() => openPage(`/packages/events/edit/index?id=${e.eventId}`)}>
                      {e.status === 'draft' ? '继续编辑、发布' : '修改'}
                    </Button>
                    {e.status === 'published' && (
                      <Button className='ght-button' onClick={() => openPage(`/packages/events/checkin/index?id=${e.eventId}`)}>
                        现场签到
                      </Button>
                    )}
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </ActionView>
      <LoadMore list={list} />
    </PageShell>
  )
}
