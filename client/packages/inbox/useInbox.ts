import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorShape } from '../../../shared/contract'
import { notifyActions } from '../../../shared/notify/actions'
import type { InboxItem } from '../../../shared/notify/schemas'
import { call } from '../../services/api'

const PAGE_SIZE = 20

export interface InboxState {
  items: InboxItem[]
  /** the first page is on its way */
  loading: boolean
  /** a further page is on its way */
  loadingMore: boolean
  error: AppErrorShape | null
  isOffline: boolean
  hasMore: boolean
  reload: () => void
  loadMore: () => void
  markRead: (id: string) => void
  markAllRead: () => void
}

/** 消息 with range-cursor paging; marking read updates the list at once and tells the server in the background. */
export function useInbox(): InboxState {
  const [items, setItems] = useState<InboxItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [isOffline, setOffline] = useState(false)
  const generation = useRef(0)

  const reload = useCallback(() => {
    const mine = ++generation.current
    setLoading(true)
    call(notifyActions.listInbox, { limit: PAGE_SIZE }).then((result) => {
      if (mine !== generation.current) return
      setLoading(false)
      if (result.ok) {
        setItems(result.data.items)
        setCursor(result.data.nextCursor)
        setError(null)
        setOffline(false)
      } else {
        setError(result.error)
        setOffline(result.offline === true)
      }
    })
  }, [])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    call(notifyActions.listInbox, { limit: PAGE_SIZE, cursor }).then((result) => {
      if (mine !== generation.current) return
      setLoadingMore(false)
      if (result.ok) {
        setItems((prev) => [...prev, ...result.data.items.filter((item) => !prev.some((p) => p.id === item.id))])
        setCursor(result.data.nextCursor)
        setError(null)
      } else {
        setError(result.error)
        setOffline(result.offline === true)
      }
    })
  }, [cursor, loadingMore])

  const markRead = useCallback((id: string) => {
    setItems((prev) => prev.map((item) => (item.id === id ? { ...item, isRead: true } : item)))
    void call(notifyActions.markRead, { ids: [id] })
  }, [])

  const markAllRead = useCallback(() => {
    setItems((prev) => prev.map((item) => ({ ...item, isRead: true })))
    void call(notifyActions.markRead, { all: true })
  }, [])

  useEffect(reload, [reload])

  return { items, loading, loadingMore, error, isOffline, hasMore: cursor !== null, reload, loadMore, markRead, markAllRead }
}
