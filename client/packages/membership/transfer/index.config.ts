import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('转会'))
