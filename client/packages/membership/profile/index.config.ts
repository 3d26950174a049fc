import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('个人信息'))
