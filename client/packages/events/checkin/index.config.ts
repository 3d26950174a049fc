import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('现场签到'))
