import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('帮扶管理'))
