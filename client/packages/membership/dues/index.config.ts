import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('会费计算'))
