export * from './schemas'
export * from './search'
export * from './actions'
export * from './invitations'
