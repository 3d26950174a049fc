import { Text, View } from '@tarojs/components'
import Button from '../../components/Button'
import EmptyState from '../../components/EmptyState'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { reviewActions } from '../../../shared/requests/actions'
import type { RequestItem } from '../../../shared/requests/views'
import FilterTabs from '../../components/FilterTabs'
import PageShell from '../../components/PageShell'
import StateView from '../../components/StateView'
import { call } from '../../services/api'
import { openPage } from '../../services/navigation'
import { requestSubscribe } from '../../services/subscribe'
import NoticeBalance from './components/NoticeBalance'
import RequestRow from './components/RequestRow'
import TemplatesNotice from './components/TemplatesNotice'
import { useRequestPages } from './useRequestPages'
import './review.scss'
import { showModal } from '../../services/modal'

/** the 全部 tab (no kind is called this) */
const ALL = 'all'

/** 待办审批: what waits for this reviewer, oldest first, by kind, with overdue marks and batch approval. */
export default function PendingList() {
  const [kind, setKind] = useState<string | undefined>(undefined)
  const list = useRequestPages('pending', kind)
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<Record<string, RequestItem>>({})
  const [busy, setBusy] = useState(false)
  const firstShow = useRef(true)

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  // back from a decision: the list has changed
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void list.reload()
  })

  function open(item: RequestItem) {
    // 处理: bank one more 待审批提醒 while the reviewer is here (inside the tap, before anything async)
    void requestSubscribe(['reviewTodo'])
    openPage(`/packages/review/detail?id=${item.id}`)
  }

  function toggle(item: RequestItem) {
    setSelected((prev) => {
      const next = { ...prev }
      if (next[item.id]) delete next[item.id]
      else next[item.id] = item
      return next
    })
  }

  function stopSelecting() {
    setSelecting(false)
    setSelected({})
  }

  async function approveSelected() {
    void requestSubscribe(['reviewTodo'])
    const chosen = Object.values(selected)
    if (chosen.length === 0) return
    const sure = await showModal({
      title: '批量通过',
      content: `确定通过选中的 ${chosen.length} 件申请？通过后会通知申请人，不能撤销。`,
      confirmText: '确定通过',
      cancelText: '再看看',
    })
    if (!sure.confirm) return
    setBusy(true)
    const result = await call(reviewActions.batchApprove, { items: chosen.map((c) => ({ requestId: c.id, expectedVersion: c.version })) })
    setBusy(false)
    if (!result.ok) {
      void showModal({ title: '没有完成', content: result.error.message, showCancel: false, confirmText: '知道了' })
      return
    }
    const failed = result.data.results.filter((r) => !r.ok)
    const lines = failed.map((f) => `· ${chosen.find((c) => c.id === f.requestId)?.title ?? '一件申请'}：${f.ok ? '' : f.message}`)
    void showModal({
      title: failed.length ? `通过 ${result.data.approved} 件，${failed.length} 件未处理` : `已通过 ${result.data.approved} 件`,
      content: failed.length ? lines.join('\n') : '申请人会收到通知。',
      showCancel: false,
      confirmText: '知道了',
    })
    stopSelecting()
    void list.reload()
  }

  const chosenCount = Object.keys(selected).length
  const canBatch = list.items.some((i) => i.canBatch)

  return (
    <PageShell title='待办审批' back>
      <NoticeBalance />
      <TemplatesNotice />
      {list.counts.length > 0 && (
        <FilterTabs
          value={kind ?? ALL}
          options={[{ value: ALL, label: `全部 ${list.total}` }, ...list.counts.map((c) => ({ value: c.kind, label: `${c.label} ${c.count}` }))]}
          onChange={(k) => setKind(k === ALL ? undefined : k)}
        />
      )}
      {list.items.length === 0 ? (
        list.loading ? (
          <StateView state='loading' />
        ) : list.error ? (
          <StateView state={list.isOffline ? 'offline' : 'error'} message={list.isOffline ? undefined : list.error.message} onRetry={() => void list.reload()} />
        ) : (
          <EmptyState title='暂时没有待办' message='有新的申请时，会通过微信提醒和「我的消息」告诉您' showBack />
        )
      ) : (
        <View>
          <View className='rv-bar'>
            <Text className='rv-bar__text'>
              共 {list.total} 件待办{list.overdueTotal > 0 ? `，其中 ${list.overdueTotal} 件已超期` : ''}
            </Text>
            {canBatch && (
              <Button className='ght-button rv-bar__button' onClick={selecting ? stopSelecting : () => setSelecting(true)}>
                {selecting ? '取消批量' : '批量通过'}
              </Button>
            )}
          </View>
          {list.error && (
            <View className='rv-notice' role='alert'>
              <Text>{list.isOffline ? '网络不通，显示的是上次加载的待办' : list.error.message}</Text>
            </View>
          )}
          {list.items.map((item) => (
            <RequestRow key={item.id} item={item} audience='reviewer' selectable={selecting} selected={Boolean(selected[item.id])} onOpen={open} onToggle={toggle} />
          ))}
          {list.hasMore && (
            <Button className='ght-button rv-more' onClick={list.loadMore} disabled={list.loadingMore}>
              {list.loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          )}
          {selecting && (
            <View className='rv-batchbar'>
              <Text className='rv-batchbar__text'>已选 {chosenCount} 件</Text>
              <Button className='ght-button ght-button--primary' onClick={approveSelected} disabled={busy || chosenCount === 0}>
                {busy ? '正在处理…' : '通过选中的申请'}
              </Button>
            </View>
          )}
        </View>
      )}
      <View className='rv-links'>
        <Text className='ght-link' onClick={() => openPage('/packages/review/mine')}>
          我提交的申请
        </Text>
        <Text className='ght-link' onClick={() => openPage('/packages/review/approvers')}>
          审批人设置（主席）
        </Text>
      </View>
    </PageShell>
  )
}
