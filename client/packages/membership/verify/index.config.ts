import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('验证会员卡'))
