import { isDeepStrictEqual } from 'node:util'
import { envNamesUsed, type CollectionDecl, type Declarations, type FunctionDecl, type IndexDecl, type StorageRule, type TriggerDecl } from './declarations'

/**
 * The deploy as a list of calls against @cloudbase/manager-node, computed from what the repository
 * declares and what the environment already has. A dry run plans against an empty environment, so it
 * lists every call a first deploy makes; a real run reads the environment first and plans only the
 * differences. Secrets never enter a plan: environment values are placeholders the executor fills in.
 */

/** CloudBase runs the bundles on Node 16 (scripts/build-functions.ts targets node16). */
export const RUNTIME = 'Nodejs16.13'
export const HANDLER = 'index.main'
/** The TypeScript sources stay home: the bundle already holds them (scripts/build-functions.ts). */
export const PACKAGE_IGNORE = ['src', 'src/**', '*.map']
/** The description carries the package's hash, so a later run knows whether the code changed. */
export const describePackage = (hash: string) => `工会通 package ${hash}`

/** A function's settings as manager-node takes them (ICloudFunction); envVariables hold placeholders. */
export interface FunctionConfigArgs {
  name: string
  description: string
  timeout?: number
  memorySize?: number
  envVariables: Record<string, string>
}
export interface FunctionArgs extends FunctionConfigArgs {
  runtime: string
  handler: string
  installDependency: boolean
  triggers: TriggerDecl[]
}
export interface CodeArgs {
  name: string
  runtime: string
  handler: string
  installDependency: boolean
  /** left out of the zip: the package is index.js, package.json and config.json */
  ignore: string[]
}
export interface IndexChanges {
  CreateIndexes?: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }>
  DropIndexes?: Array<{ IndexName: string }>
}
export interface RuleArgs {
  resourceType: 'collection'
  resource: string
  permission: 'CUSTOM'
  securityRule: string
}

/** One call of the plan: app[service][method](...args), with what it changes in plain words. */
export type Call = { summary: string } & (
  | { service: 'database'; method: 'createCollection'; args: [string] }
  | { service: 'database'; method: 'updateCollection'; args: [string, IndexChanges] }
  | { service: 'permission'; method: 'modifyResourcePermission'; args: [RuleArgs] }
  | { service: 'storage'; method: 'setStorageAcl'; args: ['CUSTOM', StorageRule] }
  /** openapi: the permissions the uploaded package's config.json declares */
  | { service: 'functions'; method: 'createFunction'; args: [{ func: FunctionArgs; functionRootPath: string; force: boolean }]; openapi: string[] }
  | { service: 'functions'; method: 'updateFunctionCode'; args: [{ func: CodeArgs; functionRootPath: string }]; openapi: string[] }
  | { service: 'functions'; method: 'updateFunctionConfig'; args: [FunctionConfigArgs] }
  | { service: 'functions'; method: 'createFunctionTriggers'; args: [string, TriggerDecl[]] }
  | { service: 'functions'; method: 'deleteFunctionTrigger'; args: [string, string] }
)

/** What the environment has, as far as the deploy cares. */
export interface CurrentState {
  collections: Map<string, { indexes: IndexDecl[] }>
  /** collection → { permission, rule } as the console stores it */
  collectionRules: Map<string, { permission: string; rule: unknown }>
  storage: { acl: string; rule: StorageRule | null }
  functions: Map<string, CurrentFunction>
}
export interface CurrentFunction {
  timeout: number
  memorySize: number
  description: string
  env: Record<string, string>
  triggers: TriggerDecl[]
}

export const emptyState = (): CurrentState => ({
  collections: new Map(),
  collectionRules: new Map(),
  storage: { acl: '', rule: null },
  functions: new Map(),
})

/** How the plan writes a secret: the executor replaces it with the value from the secrets file. */
export const secretPlaceholder = (name: string) => `<${name} from the secrets file>`

export interface PlanInput {
  decl: Declarations
  /** the settings the secrets file provides (values used for comparison only; the plan holds placeholders) */
  env: Record<string, string>
  current: CurrentState
}

export interface Plan {
  calls: Call[]
  /** things seen and left alone, or worth knowing (extra indexes, undeclared timeouts) */
  notes: string[]
}

/** CloudBase's own index on _id is never declared and never touched. */
const SYSTEM_INDEX = '_id_'

const createIndex = (i: IndexDecl): NonNullable<IndexChanges['CreateIndexes']>[number] => ({
  IndexName: i.name,
  MgoKeySchema: { MgoIndexKeys: i.keys.map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: i.unique },
})

function planCollection(c: CollectionDecl, current: CurrentState, calls: Call[], notes: string[]): void {
  const existing = current.collections.get(c.name)
  if (!existing) calls.push({ service: 'database', method: 'createCollection', args: [c.name], summary: `创建集合 ${c.name} / create collection ${c.name}` })
  const have = new Map((existing?.indexes ?? []).map((i) => [i.name, i]))
  const changed = c.indexes.filter((i) => have.has(i.name) && !isDeepStrictEqual(have.get(i.name), i))
  const added = c.indexes.filter((i) => !have.has(i.name))
  if (changed.length) {
    // An index cannot be altered in place: drop the old definition, then create the declared one.
    calls.push({
      service: 'database',
      method: 'updateCollection',
      args: [c.name, { DropIndexes: changed.map((i) => ({ IndexName: i.name })) }],
      summary: `删除定义已变的索引 ${c.name}.${changed.map((i) => i.name).join(', ')} / drop changed indexes`,
    })
  }
  const toCreate = [...changed, ...added]
  if (toCreate.length) {
    calls.push({
      service: 'database',
      method: 'updateCollection',
      args: [c.name, { CreateIndexes: toCreate.map(createIndex) }],
      summary: `创建索引 ${c.name}: ${toCreate.map((i) => i.name).join(', ')} / create indexes`,
    })
  }
  const declared = new Set(c.indexes.map((i) => i.name))
  for (const extra of have.keys()) {
    if (extra !== SYSTEM_INDEX && !declared.has(extra)) notes.push(`集合 ${c.name} 有未声明的索引 ${extra}，未删除 / collection ${c.name} has an undeclared index ${extra}; left alone`)
  }
  const rule = current.collectionRules.get(c.name)
  if (!rule || rule.permission !== 'CUSTOM' || !isDeepStrictEqual(rule.rule, c.rules)) {
    calls.push({
      service: 'permission',
      method: 'modifyResourcePermission',
      args: [{ resourceType: 'collection', resource: c.name, permission: 'CUSTOM', securityRule: JSON.stringify(c.rules) }],
      summary: `设置集合 ${c.name} 的安全规则 ${JSON.stringify(c.rules)} / set security rule`,
    })
  }
}

function planStorage(rule: StorageRule, current: CurrentState, calls: Call[]): void {
  if (current.storage.acl === 'CUSTOM' && isDeepStrictEqual(current.storage.rule, rule)) return
  calls.push({ service: 'storage', method: 'setStorageAcl', args: ['CUSTOM', rule], summary: `设置云存储安全规则 ${JSON.stringify(rule)} / set storage rule` })
}

function planFunction(fn: FunctionDecl, env: Record<string, string>, current: CurrentState, calls: Call[], notes: string[]): void {
  const names = envNamesUsed(fn, Object.keys(env))
  const envVariables = Object.fromEntries(names.map((n) => [n, secretPlaceholder(n)]))
  const description = describePackage(fn.packageHash)
  const settings: FunctionConfigArgs = {
    name: fn.name,
    description,
    ...(fn.timeout !== undefined ? { timeout: fn.timeout } : {}),
    ...(fn.memorySize !== undefined ? { memorySize: fn.memorySize } : {}),
    envVariables,
  }
  // wx-server-sdk is the package's only dependency; the cloud installs it from package.json
  const code: CodeArgs = { name: fn.name, runtime: RUNTIME, handler: HANDLER, installDependency: true, ignore: PACKAGE_IGNORE }
  if (fn.timeout === undefined) notes.push(`云函数 ${fn.name} 的 config.json 没有 timeout，云端默认 3 秒 / ${fn.name} declares no timeout: CloudBase applies 3 s`)
  // openapi permissions travel in the package's config.json (index.js, package.json, config.json), which
  // CloudBase reads on upload as DevTools does; the plan lists them so a missing one is seen.
  const openapi = [...fn.openapi]
  const existing = current.functions.get(fn.name)
  if (!existing) {
    calls.push({
      service: 'functions',
      method: 'createFunction',
      args: [{ func: { ...code, ...settings, triggers: fn.triggers }, functionRootPath: 'cloudfunctions', force: false }],
      openapi,
      summary: `上传云函数 ${fn.name}（超时 ${fn.timeout === undefined ? '未声明' : `${fn.timeout} 秒`}，定时 ${fn.triggers.map((t) => t.name).join(', ') || '无'}，云调用 ${fn.openapi.join(', ') || '无'}，环境变量 ${names.join(', ') || '无'}） / create function`,
    })
    return
  }
  if (existing.description !== description) {
    calls.push({
      service: 'functions',
      method: 'updateFunctionCode',
      args: [{ func: code, functionRootPath: 'cloudfunctions' }],
      openapi,
      summary: `更新云函数 ${fn.name} 的代码（云调用 ${fn.openapi.join(', ') || '无'}） / update function code`,
    })
  }
  const envNow = existing.env
  const envChanged = names.filter((n) => envNow[n] !== env[n])
  // Variables set by hand in the console are not the deploy's to remove: the executor keeps them.
  const envOthers = Object.keys(envNow).filter((n) => !names.includes(n))
  if (envOthers.length) notes.push(`云函数 ${fn.name} 有部署之外设置的环境变量 ${envOthers.join(', ')}，保留 / ${fn.name} has environment variables set outside the deploy; kept`)
  const what: string[] = []
  if (existing.description !== description) what.push('package hash')
  if (fn.timeout !== undefined && existing.timeout !== fn.timeout) what.push(`timeout ${existing.timeout} → ${fn.timeout}`)
  if (fn.memorySize !== undefined && existing.memorySize !== fn.memorySize) what.push(`memory ${existing.memorySize} → ${fn.memorySize}`)
  // names only: a changed value is reported by its name, never shown
  if (envChanged.length) what.push(`env ${envChanged.join(', ')}`)
  if (what.length) {
    calls.push({ service: 'functions', method: 'updateFunctionConfig', args: [settings], summary: `更新云函数 ${fn.name} 的配置：${what.join('; ')} / update function config` })
  }
  const declared = new Map(fn.triggers.map((t) => [t.name, t]))
  const have = new Map(existing.triggers.map((t) => [t.name, t]))
  for (const [name, t] of have) {
    if (!isDeepStrictEqual(declared.get(name), t)) {
      calls.push({ service: 'functions', method: 'deleteFunctionTrigger', args: [fn.name, name], summary: `删除云函数 ${fn.name} 的触发器 ${name}（${t.config}） / delete trigger` })
    }
  }
  const create = fn.triggers.filter((t) => !isDeepStrictEqual(have.get(t.name), t))
  if (create.length) {
    calls.push({
      service: 'functions',
      method: 'createFunctionTriggers',
      args: [fn.name, create],
      summary: `创建云函数 ${fn.name} 的定时触发器 ${create.map((t) => `${t.name}（${t.config}）`).join(', ')} / create triggers`,
    })
  }
}

/** Every call needed to bring `current` to what the repository declares, in a safe order: data first, then code. */
export function planDeploy({ decl, env, current }: PlanInput): Plan {
  const calls: Call[] = []
  const notes: string[] = []
  for (const c of decl.collections) planCollection(c, current, calls, notes)
  planStorage(decl.storage, current, calls)
  for (const fn of decl.functions) planFunction(fn, env, current, calls, notes)
  for (const name of current.functions.keys()) {
    if (!decl.functions.some((f) => f.name === name)) notes.push(`环境里有仓库没有的云函数 ${name}，未删除 / function ${name} is not in the repository; left alone`)
  }
  return { calls, notes }
}

/** One line per call, as printed by --dry-run and before a real run. Holds no secret by construction. */
export function formatCall(call: Call): string {
  const args = call.args.map((a) => JSON.stringify(a)).join(', ')
  const permissions = 'openapi' in call ? `\n    # config.json permissions.openapi: ${JSON.stringify(call.openapi)}` : ''
  return `${call.service}.${call.method}(${args})\n    # ${call.summary}${permissions}`
}
