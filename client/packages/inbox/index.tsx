import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import EmptyState from '../../components/EmptyState'
import { Badge } from '../../components/nut/badge'
import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import { formatAge, formatDateTime } from '../../../shared/date'
import type { InboxItem } from '../../../shared/notify/schemas'
import PageShell from '../../components/PageShell'
import StateView from '../../components/StateView'
import { openPage } from '../../services/navigation'
import { useInbox } from './useInbox'
import './index.scss'

/** 我的消息: every notice also lands here, so nothing depends on a subscribe message arriving. */
export default function InboxIndex() {
  const inbox = useInbox()
  const firstShow = useRef(true)
  // coming back from a message's page: show what changed meanwhile
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else inbox.reload()
  })

  function open(item: InboxItem) {
    if (!item.isRead) inbox.markRead(item.id)
    if (item.page) openPage('/' + item.page.replace(/^\//, ''))
  }

  const unread = inbox.items.filter((i) => !i.isRead).length

  return (
    <PageShell title='我的消息' back>
      {inbox.items.length === 0 ? (
        inbox.loading ? (
          <StateView state='loading' />
        ) : inbox.error ? (
          <StateView state={inbox.isOffline ? 'offline' : 'error'} message={inbox.isOffline ? undefined : inbox.error.message} onRetry={inbox.reload} />
        ) : (
          <EmptyState title='还没有消息' message='申请有了进展、活动有了变化，都会在这里告诉您' showBack />
        )
      ) : (
        <View className='inbox'>
          <View className='inbox__bar'>
            <Text className='inbox__count'>{unread > 0 ? `${unread}条未读` : '全部已读'}</Text>
            {unread > 0 && (
              <Button className='ght-button inbox__all-read' onClick={inbox.markAllRead}>
                全部标为已读
              </Button>
            )}
          </View>
          {inbox.error && (
            <View className='inbox__notice' role='alert'>
              <Text>{inbox.isOffline ? '网络不通，显示的是上次加载的消息' : inbox.error.message}</Text>
            </View>
          )}
          {inbox.items.map((item) => (
            <View
              key={item.id}
              className={item.isRead ? 'inbox__item' : 'inbox__item inbox__item--unread'}
              onClick={() => open(item)}
              role='button'
              ariaLabel={`${item.isRead ? '' : '未读，'}${item.title}`}
            >
              <View className='inbox__head'>
                {!item.isRead && <View className='inbox__dot' />}
                <Text className='inbox__title'>{item.title}</Text>
                {!item.isRead && <Badge className='inbox__badge' value='未读' fill='outline' />}
              </View>
              <Text className='inbox__body'>{item.body}</Text>
              <View className='inbox__foot'>
                <Text className='inbox__time'>
                  {formatDateTime(item.createdAt)}（{formatAge(item.createdAt)}）
                </Text>
                {item.page && <Text className='inbox__go'>查看 ›</Text>}
              </View>
            </View>
          ))}
          {inbox.hasMore && (
            <Button className='ght-button inbox__more' onClick={inbox.loadMore} disabled={inbox.loadingMore}>
              {inbox.loadingMore ? '正在加载…' : '加载更早的消息'}
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
