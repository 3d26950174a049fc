/**
 * Pages of the admin subpackage (root `packages/admin`): running a union from the phone — 工会管理,
 * accepting an office (任职邀请), a union's page, 建会登记. Read by client/app.config.ts.
 */
export default ['index', 'accept/index', 'union/index', 'register/index', 'roster/index', 'member/index']
