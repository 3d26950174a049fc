import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('我的申请', { enablePullDownRefresh: true }))
