/**
 * Pages of the review subpackage (root `packages/review`), read by client/app.config.ts.
 * `detail` is the page a 待审批提醒 opens: `packages/review/detail?id=<requestId>`.
 */
export default ['index', 'detail', 'mine', 'matter', 'approvers']
