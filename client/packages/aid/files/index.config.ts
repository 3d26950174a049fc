import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('困难职工档案'))
