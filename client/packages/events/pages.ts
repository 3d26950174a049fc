/**
 * Pages of the events subpackage (root `packages/events`), read by client/app.config.ts.
 * Add a page: create `<name>/index.tsx` + `<name>/index.config.ts` here and list `'<name>/index'` below.
 */
export default ['index']
