/**
 * Pages of the aid subpackage (root `packages/aid`), read by client/app.config.ts.
 * `detail/index?id=<applicationId>` is the page aid messages open.
 */
export default ['index', 'household/index', 'check/index', 'apply/index', 'detail/index', 'notices/index', 'proxy/index', 'files/index', 'manage/index']
