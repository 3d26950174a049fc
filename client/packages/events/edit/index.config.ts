import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('发布活动'))
