import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('工会主页', { enableShareAppMessage: true }))
