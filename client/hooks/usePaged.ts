import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppErrorShape } from '../../shared/contract'
import type { CallResult } from '../services/api'
import type { ActionState } from './useAction'

/** The first page as the server sent it (its totals, counts…) and every item loaded so far. */
export interface Paged<P, T> {
  first: P
  items: T[]
}

export interface PagedState<P, T> extends ActionState<Paged<P, T>> {
  /** the last page had a nextCursor */
  hasMore: boolean
  loadingMore: boolean
  /** why the last 加载更多 failed; the items already shown stay */
  moreError: AppErrorShape | null
  loadMore: () => void
}

interface Loaded<P, T> {
  loading: boolean
  data: Paged<P, T> | undefined
  error: AppErrorShape | null
  isOffline: boolean
  cursor: string | null
  loadingMore: boolean
  moreError: AppErrorShape | null
}

/**
 * A cursor-paged list for a page: `usePaged(JSON.stringify(filter), (cursor) => call(action, { ...filter, cursor }), (p) => p.items)`.
 * Loads the first page again when `key` changes and on `reload()`; `loadMore()` appends the next one.
 * Pass it to ActionView like a `useAction` result.
 */
export function usePaged<P extends { nextCursor: string | null }, T>(
  key: string,
  fetchPage: (cursor: string | undefined) => Promise<CallResult<P>>,
  itemsOf: (page: P) => readonly T[],
): PagedState<P, T> {
  const [state, setState] = useState<Loaded<P, T>>({ loading: true, data: undefined, error: null, isOffline: false, cursor: null, loadingMore: false, moreError: null })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef({ fetchPage, itemsOf })
  latest.current = { fetchPage, itemsOf }
  // answers to an older key or reload are dropped
  const generation = useRef(0)

  useEffect(() => {
    const mine = ++generation.current
    setState((s) => ({ ...s, loading: true, moreError: null }))
    latest.current.fetchPage(undefined).then((result) => {
      if (mine !== generation.current) return
      if (result.ok) {
        const items = [...latest.current.itemsOf(result.data)]
        setState({ loading: false, data: { first: result.data, items }, error: null, isOffline: false, cursor: result.data.nextCursor, loadingMore: false, moreError: null })
      } else setState((s) => ({ ...s, loading: false, error: result.error, isOffline: result.offline === true }))
    })
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])

  const current = useRef(state)
  current.current = state
  const loadMore = useCallback(() => {
    const s = current.current
    if (!s.cursor || s.loadingMore || s.loading) return
    const mine = generation.current
    setState((now) => ({ ...now, loadingMore: true, moreError: null }))
    latest.current.fetchPage(s.cursor).then((result) => {
      if (mine !== generation.current) return
      setState((now) => {
        if (!result.ok) return { ...now, loadingMore: false, moreError: result.error }
        const items = [...(now.data?.items ?? []), ...latest.current.itemsOf(result.data)]
        return { ...now, loadingMore: false, moreError: null, cursor: result.data.nextCursor, data: now.data ? { ...now.data, items } : now.data }
      })
    })
  }, [])

  return {
    loading: state.loading,
    data: state.data,
    error: state.error,
    isOffline: state.isOffline,
    reload,
    hasMore: state.cursor !== null,
    loadingMore: state.loadingMore,
    moreError: state.moreError,
    loadMore,
  }
}
