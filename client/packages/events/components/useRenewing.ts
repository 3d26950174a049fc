import { useEffect, useState } from 'react'

/**
 * Keeps a short-lived code fresh: calls `renew` `aheadMs` before `expiresAt` (at least every
 * `minMs`), and ticks so the page can tell when a code has run out while the phone slept.
 */
export function useRenewing(expiresAt: Date | undefined, renew: () => void, aheadMs: number, minMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now())
  const expiry = expiresAt?.getTime()
  useEffect(() => {
    if (expiry === undefined) return
    const timer = setTimeout(renew, Math.max(minMs, expiry - Date.now() - aheadMs))
    return () => clearTimeout(timer)
  }, [expiry, renew, aheadMs, minMs])
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 10_000)
    return () => clearInterval(tick)
  }, [])
  return now
}
