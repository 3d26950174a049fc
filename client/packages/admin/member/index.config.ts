import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('会员详情'))
