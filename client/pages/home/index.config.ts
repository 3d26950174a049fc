import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('工会通', { enablePullDownRefresh: true }))
