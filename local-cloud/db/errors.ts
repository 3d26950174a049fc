/**
 * Error codes as the TCB admin API spells them. wx-server-sdk maps the string `code` to a number
 * (DATABASE_COLLECTION_NOT_EXIST → -502005, …); codes it does not know become -501001.
 */
export type DbErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_INVALID_OPERRATOR' // sic: the SDK's own spelling, maps to -502002
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'INVALID_PARAM'
  | 'SYS_ERR'

export class DbError extends Error {
  constructor(readonly code: DbErrorCode, message: string) {
    super(message)
    this.name = 'DbError'
  }
}

export function collectionMissing(name: string): DbError {
  return new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection "${name}" does not exist (local cloud: declare it in database/*.json)`)
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message)
}

export function unsupported(message: string): DbError {
  return new DbError('DATABASE_INVALID_OPERRATOR', message)
}

export function duplicateKey(collection: string, index: string, key: string): DbError {
  // MongoDB's wording, which CloudBase passes through: callers match on "E11000" / "duplicate key".
  return new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`)
}

/** The JSON body the SDK expects for a failed request (always sent with HTTP 200). */
export function errorBody(err: unknown, requestId: string): { code: string; message: string; requestId: string } {
  if (err instanceof DbError) return { code: err.code, message: err.message, requestId }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'SYS_ERR', message: `local cloud internal error: ${message}`, requestId }
}
