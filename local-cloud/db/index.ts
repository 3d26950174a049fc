import { actions, refusedActions } from './actions'
import { persist, type EngineContext } from './context'
import { DbError, errorBody } from './errors'
import { deepCopy, isPlainObject } from './ejson'
import { newDocId, newRequestId } from './ids'
import { Journal, type LoadReport } from './journal'
import { loadManifest } from './manifest'
import { parseRequest } from './request'
import { Store, type Change } from './store'
import { Transactions } from './transactions'
import { toDocument, idOf } from './update'

export interface DatabaseEngine {
  /** handles one TCB admin request whose action starts with 'database.'; returns the exact JSON body to send back (success or error shape the SDK expects) */
  handle(action: string, body: Record<string, unknown>): Promise<unknown>
  /** number of documents per collection (for dev pages/bench) */
  stats(): Record<string, number>
  /** insert documents directly (seeding), bypassing the wire; Date values stay Dates */
  seed(docs: Record<string, Array<Record<string, unknown>>>): Promise<void>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** folder of this engine's snapshot.jsonl + journal.jsonl (created if missing) */
  dataDir: string
  /** the database/ folder, or the folder holding it */
  manifestDir: string
}

/** How the last start went (documents loaded, journal lines replayed, a torn last line dropped). */
export interface OpenedDatabase extends DatabaseEngine {
  readonly loadReport: LoadReport
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const store = new Store(loadManifest(opts.manifestDir))
  const { journal, report } = Journal.open(opts.dataDir, store)
  const transactions = new Transactions(store, () => Date.now())
  const engine: EngineContext = { store, transactions, commit: (changes) => persist(store, journal, changes) }
  let closed = false

  return {
    loadReport: report,

    async handle(action, body) {
      const requestId = newRequestId()
      try {
        if (closed) throw new DbError('SYS_ERR', 'the local cloud database is closed')
        const handler = actions[action]
        if (!handler) {
          const reason = refusedActions[action] ?? `the local cloud does not implement ${action}`
          throw new DbError('DATABASE_REQUEST_FAILED', reason)
        }
        // one request runs start to finish without yielding: each request is atomic
        const payload = handler(engine, parseRequest(body), { now: new Date() })
        return { requestId, ...payload }
      } catch (err) {
        return errorBody(err, requestId)
      }
    },

    stats() {
      const out: Record<string, number> = {}
      for (const name of store.names()) if (store.isDeclared(name)) out[name] = store.collection(name)?.size ?? 0
      return out
    },

    async seed(docs) {
      if (closed) throw new Error('the local cloud database is closed')
      const changes: Change[] = []
      for (const [name, list] of Object.entries(docs)) {
        if (!store.isDeclared(name)) throw new Error(`seed: collection "${name}" is not declared in database/*.json`)
        for (const data of list) {
          if (!isPlainObject(data)) throw new Error(`seed: documents of "${name}" must be plain objects`)
          const doc = toDocument(deepCopy(data), idOf(data, newDocId))
          changes.push({ collection: name, id: doc._id, after: doc })
        }
      }
      // seeding twice is harmless: documents with the same _id are replaced
      engine.commit(changes)
    },

    async close() {
      closed = true
      journal.close()
    },
  }
}
