export * from './actions'
export * from './rules'
export * from './schemas'
export * from './tokens'
