/**
 * Pages of the events subpackage (root `packages/events`), read by client/app.config.ts.
 * `detail/index?id=<eventId>` is the page event messages open.
 */
export default ['index', 'detail/index', 'pass/index', 'manage/index', 'edit/index', 'participants/index', 'checkin/index', 'results/index']
