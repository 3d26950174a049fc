import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('审批人设置', { enablePullDownRefresh: true }))
