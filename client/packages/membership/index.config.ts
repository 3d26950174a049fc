import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('入会与会员卡', { enablePullDownRefresh: true }))
