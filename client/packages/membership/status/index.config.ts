import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('办理进度', { enablePullDownRefresh: true }))
