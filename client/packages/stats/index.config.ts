import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('年度数据'))
