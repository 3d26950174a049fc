/**
 * Field keys for the LOCAL cloud only (dev server and tests). They protect nothing: production keys are
 * set in each cloud function's environment (云开发控制台 → 云函数 → 环境变量) and never committed.
 */
export const LOCAL_PRIVACY_ENV = {
  GHT_FIELD_KEY: 'v1:iQQr1eWTwyUuwaLJAQbzdLXWEREAItYfrJQnJZ4XCFg=',
  GHT_HASH_KEY: 'WEwH8xEUV5BFM4ohv5I5ZhnxnJGyGKCXXs91UuwEq48=',
  /** lets npm run bootstrap -- --local create the root federation (union.bootstrapRoot) */
  GHT_BOOTSTRAP_TOKEN: 'local-bootstrap-token',
} as const

/** Runs `work` with the local dev keys when the process has none set (seed data computed before any function runs). */
export function withLocalPrivacyKeys<T>(work: () => T): T {
  const before = { field: process.env.GHT_FIELD_KEY, hash: process.env.GHT_HASH_KEY }
  process.env.GHT_FIELD_KEY = before.field ?? LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
  process.env.GHT_HASH_KEY = before.hash ?? LOCAL_PRIVACY_ENV.GHT_HASH_KEY
  try {
    return work()
  } finally {
    if (before.field === undefined) delete process.env.GHT_FIELD_KEY
    if (before.hash === undefined) delete process.env.GHT_HASH_KEY
  }
}
