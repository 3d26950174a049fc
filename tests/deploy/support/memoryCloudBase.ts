import type { Manager } from '../../../scripts/deploy/cloud'
import type { FunctionConfigArgs } from '../../../scripts/deploy/plan'

/**
 * An in-memory CloudBase environment behind manager-node's API surface (scripts/deploy/cloud.ts `Manager`).
 * The sandbox has no route to Tencent Cloud, so this stands in for it: it keeps what was created and
 * refuses what the real service refuses (a collection or index that already exists, a missing function),
 * and records every write so a test can see what a deploy changed.
 */
export interface MemoryEnv {
  app: Manager
  writes: string[]
  collections: Map<string, Map<string, { Name: string; Keys: Array<{ Name: string; Direction: string }>; Unique: boolean }>>
  rules: Map<string, { Permission: string; SecurityRule: string }>
  storage: { acl: string; rule?: { read: boolean | string; write: boolean | string } }
  functions: Map<string, { Timeout: number; MemorySize: number; Description: string; env: Record<string, string>; triggers: Array<{ name: string; type: string; config: string }>; uploads: number }>
}

export class TencentError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

export function memoryCloudBase(opts: { failEnv?: TencentError } = {}): MemoryEnv {
  const m: Omit<MemoryEnv, 'app'> = { writes: [], collections: new Map(), rules: new Map(), storage: { acl: 'PRIVATE' }, functions: new Map() }
  const fn = (name: string) => {
    const f = m.functions.get(name)
    if (!f) throw new TencentError('ResourceNotFound.Function', `未找到指定的Function ${name}`)
    return f
  }
  const applyConfig = (func: FunctionConfigArgs) => {
    const f = fn(func.name)
    if (func.timeout !== undefined) f.Timeout = func.timeout
    if (func.memorySize !== undefined) f.MemorySize = func.memorySize
    f.Description = func.description
    // like manager-node: an empty environment is not sent, so it does not clear one
    if (Object.keys(func.envVariables).length > 0) f.env = { ...func.envVariables }
  }
  const app: Manager = {
    env: {
      async getEnvInfo() {
        if (opts.failEnv) throw opts.failEnv
        return { EnvInfo: { EnvId: 'memory' } }
      },
    },
    database: {
      async listCollections(o = {}) {
        const all = [...m.collections.keys()].sort()
        const page = all.slice(o.MgoOffset ?? 0, (o.MgoOffset ?? 0) + (o.MgoLimit ?? 100))
        return { Collections: page.map((CollectionName) => ({ CollectionName })), Pager: { Total: all.length } }
      },
      async describeCollection(name) {
        const c = m.collections.get(name)
        if (!c) throw new TencentError('ResourceNotFound', `collection ${name}`)
        return { Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...c.values()] }
      },
      async createCollection(name) {
        m.writes.push(`createCollection ${name}`)
        if (m.collections.has(name)) throw new TencentError('ResourceInUse', `collection ${name} exists`)
        m.collections.set(name, new Map())
      },
      async updateCollection(name, info) {
        m.writes.push(`updateCollection ${name}`)
        const c = m.collections.get(name)
        if (!c) throw new TencentError('ResourceNotFound', `collection ${name}`)
        for (const d of info.DropIndexes ?? []) c.delete(d.IndexName)
        for (const i of info.CreateIndexes ?? []) {
          if (c.has(i.IndexName)) throw new TencentError('ResourceInUse', `index ${i.IndexName} exists`)
          c.set(i.IndexName, { Name: i.IndexName, Keys: i.MgoKeySchema.MgoIndexKeys, Unique: i.MgoKeySchema.MgoIsUnique })
        }
      },
    },
    permission: {
      async describeResourcePermission(o) {
        if ((o.resources?.length ?? 0) > 100) throw new TencentError('InvalidParameter', 'resources length must be <= 100')
        const list = (o.resources ?? []).filter((r) => m.collections.has(r)).map((Resource) => ({ Resource, Permission: m.rules.get(Resource)?.Permission ?? 'PRIVATE', SecurityRule: m.rules.get(Resource)?.SecurityRule ?? '' }))
        return { Data: { PermissionList: list } }
      },
      async modifyResourcePermission(o) {
        m.writes.push(`modifyResourcePermission ${o.resource}`)
        if (!m.collections.has(o.resource)) throw new TencentError('ResourceNotFound', `collection ${o.resource}`)
        m.rules.set(o.resource, { Permission: o.permission, SecurityRule: o.securityRule })
      },
    },
    storage: {
      async getStorageAcl() {
        return { ...m.storage }
      },
      async setStorageAcl(acl, rule) {
        m.writes.push('setStorageAcl')
        m.storage = { acl, rule }
      },
    },
    functions: {
      async listFunctions(limit = 20, offset = 0) {
        return [...m.functions.keys()].sort().slice(offset, offset + limit).map((FunctionName) => ({ FunctionName }))
      },
      async getFunctionDetail(name) {
        const f = fn(name)
        return {
          Timeout: f.Timeout,
          MemorySize: f.MemorySize,
          Description: f.Description,
          Environment: { Variables: Object.entries(f.env).map(([Key, Value]) => ({ Key, Value })) },
          Triggers: f.triggers.map((t) => ({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) })),
        }
      },
      async createFunction({ func }) {
        m.writes.push(`createFunction ${func.name}`)
        if (m.functions.has(func.name)) throw new TencentError('ResourceInUse.Function', `function ${func.name} exists`)
        m.functions.set(func.name, { Timeout: 3, MemorySize: 256, Description: '', env: {}, triggers: [...func.triggers], uploads: 1 })
        applyConfig(func)
      },
      async updateFunctionCode({ func }) {
        m.writes.push(`updateFunctionCode ${func.name}`)
        fn(func.name).uploads++
      },
      async updateFunctionConfig(func) {
        m.writes.push(`updateFunctionConfig ${func.name}`)
        applyConfig(func)
      },
      async createFunctionTriggers(name, triggers) {
        m.writes.push(`createFunctionTriggers ${name}`)
        const f = fn(name)
        for (const t of triggers) {
          if (f.triggers.some((x) => x.name === t.name)) throw new TencentError('ResourceInUse.Trigger', `trigger ${t.name} exists`)
          f.triggers.push({ ...t })
        }
      },
      async deleteFunctionTrigger(name, triggerName) {
        m.writes.push(`deleteFunctionTrigger ${name} ${triggerName}`)
        const f = fn(name)
        f.triggers = f.triggers.filter((t) => t.name !== triggerName)
      },
    },
  }
  return { ...m, app, get writes() { return m.writes }, get storage() { return m.storage } } as MemoryEnv
}
