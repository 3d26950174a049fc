import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('找到我的工会'))
