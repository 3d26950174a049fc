import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorShape } from '../../../shared/contract'
import { reviewActions } from '../../../shared/requests/actions'
import type { KindCount, RequestItem } from '../../../shared/requests/views'
import { call } from '../../services/api'

const PAGE_SIZE = 20

export interface RequestPages {
  items: RequestItem[]
  /** pending per kind and totals (待办 only) */
  counts: KindCount[]
  total: number
  overdueTotal: number
  loading: boolean
  loadingMore: boolean
  error: AppErrorShape | null
  isOffline: boolean
  hasMore: boolean
  reload: () => Promise<void>
  loadMore: () => void
}

type Source = 'pending' | 'mine'

/** 待办 or 我的申请, page by page on the server's range cursor; `kind` narrows to one tab. */
export function useRequestPages(source: Source, kind: string | undefined): RequestPages {
  const [items, setItems] = useState<RequestItem[]>([])
  const [summary, setSummary] = useState<{ counts: KindCount[]; total: number; overdueTotal: number }>({ counts: [], total: 0, overdueTotal: 0 })
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [isOffline, setOffline] = useState(false)
  const generation = useRef(0)

  const fetchPage = useCallback(
    async (after: string | undefined) => {
      const input = { limit: PAGE_SIZE, ...(kind ? { kind } : {}), ...(after ? { cursor: after } : {}) }
      if (source === 'pending') {
        const result = await call(reviewActions.listPending, input)
        return result.ok ? { ...result, summary: { counts: result.data.counts, total: result.data.total, overdueTotal: result.data.overdueTotal } } : result
      }
      const result = await call(reviewActions.myRequests, input)
      return result.ok ? { ...result, summary: null } : result
    },
    [source, kind],
  )

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    const result = await fetchPage(undefined)
    if (mine !== generation.current) return
    setLoading(false)
    if (result.ok) {
      setItems(result.data.items)
      setCursor(result.data.nextCursor)
      if (result.summary) setSummary(result.summary)
      setError(null)
      setOffline(false)
    } else {
      setError(result.error)
      setOffline(result.offline === true)
    }
  }, [fetchPage])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    void fetchPage(cursor).then((result) => {
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
  }, [cursor, loadingMore, fetchPage])

  useEffect(() => {
    void reload()
  }, [reload])

  return { items, ...summary, loading, loadingMore, error, isOffline, hasMore: cursor !== null, reload, loadMore }
}
