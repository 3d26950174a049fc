export * from './schemas'
export * from './actions'
