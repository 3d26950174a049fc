import { pageConfig } from '../../pageConfig'

export default definePageConfig(pageConfig('帮扶与金秋助学'))
