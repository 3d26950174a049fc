import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('隐私与授权'))
