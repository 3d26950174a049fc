import 'wx-server-sdk'

declare module 'wx-server-sdk' {
  /** The SDK's own typing forgets that `env` may be DYNAMIC_CURRENT_ENV, the symbol its docs tell you to pass. */
  export function init(config?: { env?: typeof DYNAMIC_CURRENT_ENV; traceUser?: boolean }): void
}
