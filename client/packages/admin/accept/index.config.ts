import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('接受任职邀请'))
