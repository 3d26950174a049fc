/** Pages of the about subpackage (隐私说明 and other static pages), read by client/app.config.ts. */
export default ['privacy/index']
