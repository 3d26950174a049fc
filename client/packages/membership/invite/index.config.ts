import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('邀请职工入会', { enableShareAppMessage: true }))
