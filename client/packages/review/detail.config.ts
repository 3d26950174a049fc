import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('申请详情', { enablePullDownRefresh: true, enableShareAppMessage: true }))
