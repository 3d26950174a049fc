import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('待办审批', { enablePullDownRefresh: true }))
