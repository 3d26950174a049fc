import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('家庭情况'))
