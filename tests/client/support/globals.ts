// Build-time constants that Taro's DefinePlugin replaces in a real build (config/index.ts).
Object.assign(globalThis, {
  __TARGET__: 'weapp',
  __CLOUD_ENV__: '',
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
})
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
