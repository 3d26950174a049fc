import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('我的会费'))
