import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/switch'
