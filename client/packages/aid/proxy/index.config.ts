import { pageConfig } from '../../../pageConfig'

export default definePageConfig(pageConfig('代办帮扶申请'))
