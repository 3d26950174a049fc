import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'

export { Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty/empty'
