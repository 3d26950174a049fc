import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('登记建会'))
