import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('电子会员卡'))
