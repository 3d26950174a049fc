export * from './envelope'
export * from './action'
export * from './validation'
