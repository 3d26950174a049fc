import '@nutui/nutui-react-taro/dist/es/packages/badge/style/css'

export { Badge } from '@nutui/nutui-react-taro/dist/es/packages/badge/badge'
