import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnyAction, AppErrorShape, InputOf, OutputOf } from '../../shared/contract'
import { call } from '../services/api'

export interface ActionState<T> {
  /** true while a call is on its way (first load and every reload) */
  loading: boolean
  /** the last good answer; kept during a reload so the page does not flash empty */
  data: T | undefined
  /** the last failure, Chinese message included; null after a success */
  error: AppErrorShape | null
  /** the last failure was a network problem (show the offline state, not an error) */
  isOffline: boolean
  /** call again, e.g. from a retry button or on page show */
  reload: () => void
}

/**
 * Loads one action's answer for a page: `const whoami = useAction(whoamiActions.whoami, {})`.
 * Calls again when `input` changes (compared by value) and on `reload()`. For submitting forms,
 * call `call()` from services/api directly and keep the form in `useDraft`.
 */
export function useAction<A extends AnyAction>(action: A, input: InputOf<A>): ActionState<OutputOf<A>> {
  const [state, setState] = useState<Omit<ActionState<OutputOf<A>>, 'reload'>>({
    loading: true,
    data: undefined,
    error: null,
    isOffline: false,
  })
  const [attempt, setAttempt] = useState(0)
  const inputKey = JSON.stringify(input)
  const latestInput = useRef(input)
  latestInput.current = input

  useEffect(() => {
    let isCurrent = true
    setState((s) => ({ ...s, loading: true }))
    call(action, latestInput.current).then((result) => {
      if (!isCurrent) return
      if (result.ok) setState({ loading: false, data: result.data, error: null, isOffline: false })
      else setState((s) => ({ loading: false, data: s.data, error: result.error, isOffline: result.offline === true }))
    })
    return () => {
      isCurrent = false
    }
  }, [action, inputKey, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, reload }
}
