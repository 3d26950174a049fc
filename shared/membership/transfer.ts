/** 转会 rules: the old union releases (or the release happens by itself), the new union accepts. */

/** Days after which an unanswered release happens automatically, unless configured otherwise. */
export const DEFAULT_AUTO_RELEASE_DAYS = 15
const DAY_MS = 24 * 60 * 60 * 1000

/** Reads the configured number of days (e.g. env GHT_TRANSFER_RELEASE_DAYS); falls back to the default. */
export function autoReleaseDays(configured: string | undefined): number {
  const n = Number(configured)
  return Number.isInteger(n) && n >= 1 && n <= 90 ? n : DEFAULT_AUTO_RELEASE_DAYS
}

/** When a transfer submitted at `submittedAt` is released without the old union acting. */
export function autoReleaseAt(submittedAt: Date, days: number): Date {
  return new Date(submittedAt.getTime() + days * DAY_MS)
}

/** The newest submission time that is already due for auto-release at `now`. */
export function autoReleaseCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS)
}

/** Why a transfer to `toUnionId` cannot be requested, or null when it can. */
export function transferProblem(input: {
  currentUnionId: string | null
  toUnionId: string
  hasOpenRequest: boolean
}): string | null {
  if (!input.currentUnionId) return '您还不是工会会员，请先申请入会'
  if (input.currentUnionId === input.toUnionId) return '您已经是这个工会的会员，无需转会'
  if (input.hasOpenRequest) return '您有一份申请正在办理中，请等待处理完成后再申请转会'
  return null
}
