import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import EmptyState from '../../components/EmptyState'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'
import type { RequestItem } from '../../../shared/requests/views'
import PageShell from '../../components/PageShell'
import StateView from '../../components/StateView'
import { openPage } from '../../services/navigation'
import RequestRow from './components/RequestRow'
import { useRequestPages } from './useRequestPages'
import './review.scss'

/** 我的申请: everything the person has asked for, newest first, with where each one stands. */
export default function MyRequests() {
  const list = useRequestPages('mine', undefined)
  const firstShow = useRef(true)
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void list.reload()
  })
  const open = (item: RequestItem) => openPage(`/packages/review/detail?id=${item.id}`)

  return (
    <PageShell title='我的申请' back>
      <View className='rv-bar'>
        <Text className='rv-bar__text'>需要工会办理的事，在这里查进度</Text>
        <Button className='ght-button ght-button--primary rv-bar__button' onClick={() => openPage('/packages/review/matter')}>
          新的事项申请
        </Button>
      </View>
      {list.items.length === 0 ? (
        list.loading ? (
          <StateView state='loading' />
        ) : list.error ? (
          <StateView state={list.isOffline ? 'offline' : 'error'} message={list.isOffline ? undefined : list.error.message} onRetry={() => void list.reload()} />
        ) : (
          <EmptyState title='还没有申请' message='您还没有提交过申请。需要工会办理的事，点上面的「新的事项申请」' showBack />
        )
      ) : (
        <View>
          {list.error && (
            <View className='rv-notice' role='alert'>
              <Text>{list.isOffline ? '网络不通，显示的是上次加载的内容' : list.error.message}</Text>
            </View>
          )}
          {list.items.map((item) => (
            <RequestRow key={item.id} item={item} audience='applicant' onOpen={open} />
          ))}
          {list.hasMore && (
            <Button className='ght-button rv-more' onClick={list.loadMore} disabled={list.loadingMore}>
              {list.loadingMore ? '正在加载…' : '加载更早的申请'}
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
