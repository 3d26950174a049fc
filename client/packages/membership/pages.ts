/**
 * Pages of the membership subpackage (root `packages/membership`), read by client/app.config.ts.
 * Add a page: create `<name>/index.tsx` + `<name>/index.config.ts` here and list `'<name>/index'` below.
 */
export default [
  'index',
  'profile/index',
  'find/index',
  'join/index',
  'status/index',
  'card/index',
  'dues/index',
  'transfer/index',
  'manage/index',
  'verify/index',
  'invite/index',
]
