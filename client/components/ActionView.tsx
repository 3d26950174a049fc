import type { ReactNode } from 'react'
import type { AppErrorShape } from '../../shared/contract'
import type { ActionState } from '../hooks/useAction'
import StateView from './StateView'

export interface ActionViewProps<T> {
  state: ActionState<T>
  /** when the answer counts as "nothing here" (an empty list) */
  isEmpty?: (data: T) => boolean
  /** what to say when it is empty, e.g. 近期还没有活动 */
  emptyMessage?: string
  /** drawn instead of the plain empty state, e.g. a subpackage's `<EmptyState …/>` (NutUI, kept out of the main package) */
  empty?: ReactNode
  /**
   * Failures that are expected situations, not errors (签到在活动开始前60分钟开放, a request that is not
   * yours to see): return the heading and sentence to show as information, or null for a real error.
   */
  expected?: (error: AppErrorShape) => { title: string; message: string } | null
  children: (data: T) => ReactNode
}

/** Renders a `useAction` result: its loading, error, offline and empty states, or the data. */
export default function ActionView<T>({ state, isEmpty, emptyMessage, empty, expected, children }: ActionViewProps<T>) {
  const { data, error, loading, isOffline, reload } = state
  if (data === undefined) {
    const info = error && !isOffline ? expected?.(error) : null
    if (info) return <StateView state='info' title={info.title} message={info.message} showBack />
    if (error) return <StateView state={isOffline ? 'offline' : 'error'} message={isOffline ? undefined : error.message} onRetry={reload} />
    if (loading) return <StateView state='loading' />
    return empty !== undefined ? <>{empty}</> : <StateView state='empty' message={emptyMessage} />
  }
  if (isEmpty?.(data)) return empty !== undefined ? <>{empty}</> : <StateView state='empty' message={emptyMessage} showBack={false} />
  return <>{children(data)}</>
}
