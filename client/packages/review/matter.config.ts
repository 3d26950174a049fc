import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('事项申请'))
