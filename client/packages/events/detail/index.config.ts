import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('活动详情', { enablePullDownRefresh: true }))
