import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('报名名单', { enablePullDownRefresh: true }))
