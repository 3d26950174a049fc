import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('活动入场码'))
