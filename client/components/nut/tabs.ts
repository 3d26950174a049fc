import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css'

export { Tabs } from '@nutui/nutui-react-taro/dist/es/packages/tabs/tabs'
export { TabPane } from '@nutui/nutui-react-taro/dist/es/packages/tabpane/tabpane'
