import type { EngineContext, RequestContext } from '../context'
import type { DbRequest } from '../request'
import { aggregateDocuments, calculateDocument, getDocument } from './read'
import { abortTransaction, commitTransaction, startTransaction } from './transaction'
import { insertDocument, modifyDocument, removeDocument } from './write'

type Handler = (engine: EngineContext, req: DbRequest, ctx: RequestContext) => object

/** The database.* actions wx-server-sdk 4.0.2 sends, by name. */
export const actions: Record<string, Handler> = {
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': calculateDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
}

/** Known actions the local cloud refuses, with the reason. */
export const refusedActions: Record<string, string> = {
  'database.addCollection': 'collections are declared in database/*.json; createCollection is not available in the local cloud',
  'database.modifyAndReturnDoc': 'updateAndReturn is not available in the local cloud',
}
