/** Pages of the stats subpackage (root `packages/stats`): 年度数据. Read by client/app.config.ts. */
export default ['index']
