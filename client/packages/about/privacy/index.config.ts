import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('隐私说明'))
