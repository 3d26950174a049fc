import type { EngineContext, RequestContext } from '../context'
import { duplicateKey, invalidParam } from '../errors'
import { isPlainObject, parseEJSON, stringifyEJSON, type PlainObject } from '../ejson'
import { newDocId } from '../ids'
import type { Doc } from '../indexes'
import { matchAll } from '../query'
import { docIdOf, parseObject, requireCollection, singleDocumentOnly, type DbRequest } from '../request'
import type { Change, Collection } from '../store'
import { applyModifier, idOf, toDocument, toModifier } from '../update'

/** database.insertDocument → { data: { insertedIds } }; all documents or none. */
export function insertDocument(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  const collection = requireCollection(engine.store, req.collectionName)
  const raw = req.data === undefined ? [] : Array.isArray(req.data) ? req.data : [req.data]
  if (raw.length === 0) throw invalidParam('insertDocument needs at least one document')
  const docs = raw.map((text) => {
    const data = parseEJSON(text, ctx)
    return toDocument(data, idOf(data, newDocId))
  })

  if (req.transactionId) {
    if (docs.length !== 1) throw singleDocumentOnly('add() of several documents')
    const [doc] = docs
    if (engine.transactions.read(req.transactionId, collection.name, doc._id)) throw duplicateKey(collection.name, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`)
    engine.transactions.write(req.transactionId, { collection: collection.name, id: doc._id, after: doc })
    return { data: { insertedIds: [doc._id] } }
  }

  const seen = new Set<string>()
  for (const doc of docs) {
    if (seen.has(doc._id) || collection.get(doc._id)) throw duplicateKey(collection.name, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`)
    seen.add(doc._id)
  }
  engine.commit(docs.map((doc) => ({ collection: collection.name, id: doc._id, after: doc })))
  return { data: { insertedIds: docs.map((doc) => doc._id) } }
}

/**
 * database.modifyDocument → { data: { updated, upsert_id? } }.
 * merge: false replaces the document (doc().set(), which also upserts); merge: true applies
 * update operators. `updated` counts documents that actually changed, as MongoDB's nModified.
 */
export function modifyDocument(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  const collection = requireCollection(engine.store, req.collectionName)
  const filter = parseObject(req.query, 'query', ctx)
  const data = req.data === undefined || Array.isArray(req.data) ? undefined : parseEJSON(req.data, ctx)
  if (data === undefined) throw invalidParam('modifyDocument needs data')
  const replace = req.merge === false
  const modifier = replace ? undefined : toModifier(data)

  const rewrite = (doc: Doc): Doc | undefined => {
    if (modifier) {
      const result = applyModifier(doc, modifier, filter, false)
      return result.changed ? result.doc : undefined
    }
    const next = toDocument(data, doc._id)
    return stringifyEJSON(next) === stringifyEJSON(doc) ? undefined : next
  }
  const insert = (id: string): Doc => (modifier ? applyModifier(upsertBase(filter, id), modifier, undefined, true).doc : toDocument(data, id))

  if (req.transactionId) {
    if (req.queryType !== 'DOC' || req.multi === true) throw singleDocumentOnly('where().update()')
    const id = docIdOf(filter)
    const current = engine.transactions.read(req.transactionId, collection.name, id)
    if (!current) {
      if (!req.upsert) return { data: { updated: 0 } }
      engine.transactions.write(req.transactionId, { collection: collection.name, id, after: insert(id) })
      return { data: { updated: 0, upsert_id: id } }
    }
    const next = rewrite(current)
    if (next) engine.transactions.write(req.transactionId, { collection: collection.name, id, after: next })
    return { data: { updated: next ? 1 : 0 } }
  }

  const matched = selectTargets(collection, filter, req)
  if (matched.length === 0) {
    if (!req.upsert) return { data: { updated: 0 } }
    const id = typeof filter._id === 'string' ? filter._id : newDocId()
    engine.commit([{ collection: collection.name, id, after: insert(id) }])
    return { data: { updated: 0, upsert_id: id } }
  }
  const changes: Change[] = []
  for (const doc of matched) {
    const next = rewrite(doc)
    if (next) changes.push({ collection: collection.name, id: doc._id, after: next })
  }
  engine.commit(changes)
  return { data: { updated: changes.length } }
}

/** database.removeDocument → { data: { deleted } } */
export function removeDocument(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  const collection = requireCollection(engine.store, req.collectionName)
  const filter = parseObject(req.query, 'query', ctx)

  if (req.transactionId) {
    if (req.queryType !== 'DOC' || req.multi === true) throw singleDocumentOnly('where().remove()')
    const id = docIdOf(filter)
    if (!engine.transactions.read(req.transactionId, collection.name, id)) return { data: { deleted: 0 } }
    engine.transactions.write(req.transactionId, { collection: collection.name, id, after: null })
    return { data: { deleted: 1 } }
  }

  const matched = selectTargets(collection, filter, req)
  engine.commit(matched.map((doc) => ({ collection: collection.name, id: doc._id, after: null })))
  return { data: { deleted: matched.length } }
}

/** Documents a write touches: one `doc(id)`, or the matches of a where(), all or (multi: false) the first. */
function selectTargets(collection: Collection, filter: PlainObject, req: DbRequest): Doc[] {
  if (req.queryType === 'DOC') {
    const doc = collection.get(docIdOf(filter))
    return doc ? [doc] : []
  }
  const matched = matchAll(collection, filter)
  return req.multi === false ? matched.slice(0, 1) : matched
}

/** An upsert starts from the query's plain equality fields, as in MongoDB. */
function upsertBase(filter: PlainObject, id: string): Doc {
  const base: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || field === '_id' || field.includes('.')) continue
    if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) continue
    base[field] = value
  }
  return { ...base, _id: id }
}
