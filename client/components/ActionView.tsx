import type { ReactNode } from 'react'
import type { ActionState } from '../hooks/useAction'
import StateView from './StateView'

export interface ActionViewProps<T> {
  state: ActionState<T>
  /** when the answer counts as "nothing here" (an empty list) */
  isEmpty?: (data: T) => boolean
  /** what to say when it is empty, e.g. 近期还没有活动 */
  emptyMessage?: string
  children: (data: T) => ReactNode
}

/** Renders a `useAction` result: its loading, error, offline and empty states, or the data. */
export default function ActionView<T>({ state, isEmpty, emptyMessage, children }: ActionViewProps<T>) {
  const { data, error, loading, isOffline, reload } = state
  if (data === undefined) {
    if (error) return <StateView state={isOffline ? 'offline' : 'error'} message={isOffline ? undefined : error.message} onRetry={reload} />
    if (loading) return <StateView state='loading' />
    return <StateView state='empty' message={emptyMessage} />
  }
  if (isEmpty?.(data)) return <StateView state='empty' message={emptyMessage} showBack={false} />
  return <>{children(data)}</>
}
