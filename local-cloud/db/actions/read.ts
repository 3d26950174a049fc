import type { EngineContext, RequestContext } from '../context'
import { collectionMissing, unsupported } from '../errors'
import { deepCopy, isPlainObject, parseEJSON, stringifyEJSON, type PlainObject } from '../ejson'
import type { Doc } from '../indexes'
import { candidates } from '../planner'
import { assertSupported, countMatches, findPage, naturalOrder, project, runPipeline } from '../query'
import { docIdOf, parseObject, parseOrder, pageSize, requireCollection, singleDocumentOnly, type DbRequest } from '../request'

/** database.getDocument → { data: { list: [EJSON string], limit, offset } } */
export function getDocument(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  const collection = requireCollection(engine.store, req.collectionName)
  const filter = parseObject(req.query, 'query', ctx)
  const projection = parseObject(req.projection, 'projection', ctx)
  const limit = pageSize(req.limit)
  const offset = Math.max(req.offset ?? 0, 0)

  let list: Record<string, unknown>[]
  if (req.transactionId) {
    if (req.queryType !== 'DOC') throw singleDocumentOnly('where().get()')
    const doc = engine.transactions.read(req.transactionId, collection.name, docIdOf(filter))
    list = doc ? project([doc], projection) : []
  } else {
    list = findPage(collection, filter, { order: parseOrder(req.order, ctx), offset, limit, projection })
  }
  return { data: { list: list.map(stringifyEJSON), limit, offset } }
}

/** database.calculateDocument → { data: { total } } */
export function calculateDocument(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  if (req.transactionId) throw singleDocumentOnly('count()')
  const collection = requireCollection(engine.store, req.collectionName)
  return { data: { total: countMatches(collection, parseObject(req.query, 'query', ctx)) } }
}

const REFUSED_STAGES: Record<string, string> = {
  $geoNear: 'geo queries are not supported by the local cloud (本地云不支持地理位置查询)',
  $search: 'full-text search is not supported by the local cloud (本地云不支持全文检索)',
  $out: 'aggregation stages that write ($out) are not supported',
  $merge: 'aggregation stages that write ($merge) are not supported',
  $collStats: '$collStats is not supported by the local cloud',
  $indexStats: '$indexStats is not supported by the local cloud',
  $currentOp: '$currentOp is not supported by the local cloud',
  $listSessions: '$listSessions is not supported by the local cloud',
}

/** database.aggregateDocuments → { data: { list: [EJSON string] } } */
export function aggregateDocuments(engine: EngineContext, req: DbRequest, ctx: RequestContext): { data: PlainObject } {
  if (req.transactionId) throw singleDocumentOnly('aggregate()')
  const collection = requireCollection(engine.store, req.collectionName)
  const pipeline = (req.stages ?? []).map(({ stageKey, stageValue }): PlainObject => {
    const name = stageKey.startsWith('$') ? stageKey : `$${stageKey}`
    if (REFUSED_STAGES[name]) throw unsupported(`${name}: ${REFUSED_STAGES[name]}`)
    const value = parseEJSON(stageValue, ctx)
    assertSupported(value, name)
    for (const other of foreignCollections(name, value)) requireCollection(engine.store, other)
    return { [name]: value }
  })
  const resolve = (name: string): Doc[] => {
    const other = engine.store.isDeclared(name) ? engine.store.collection(name) : undefined
    if (!other) throw collectionMissing(name)
    // looked-up documents end up inside results that later stages may edit
    return [...other.all()].map((doc) => deepCopy(doc))
  }
  const first = pipeline[0]
  const input = first && isPlainObject(first.$match) ? candidates(collection, first.$match) : collection.all()
  const out = runPipeline(naturalOrder([...input]), pipeline, resolve)
  return { data: { list: out.map(stringifyEJSON) } }
}

function foreignCollections(stage: string, value: unknown): string[] {
  if (stage === '$unionWith' && typeof value === 'string') return [value]
  if (!isPlainObject(value)) return []
  if ((stage === '$lookup' || stage === '$graphLookup') && typeof value.from === 'string') return [value.from]
  if (stage === '$unionWith' && typeof value.coll === 'string') return [value.coll]
  return []
}
