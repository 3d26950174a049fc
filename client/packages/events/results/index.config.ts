import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('录入成绩'))
