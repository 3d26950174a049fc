import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('我组织的活动', { enablePullDownRefresh: true }))
