export * from './fields'
export * from './templates'
export * from './schemas'
export * from './actions'
