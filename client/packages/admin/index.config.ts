import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('工会管理'))
