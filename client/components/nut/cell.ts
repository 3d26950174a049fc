import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'

export { Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/cell'
