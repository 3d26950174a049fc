import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('帮扶资格测算'))
