import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('工会活动', { enablePullDownRefresh: true }))
