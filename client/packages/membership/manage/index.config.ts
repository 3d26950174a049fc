import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('会籍管理'))
