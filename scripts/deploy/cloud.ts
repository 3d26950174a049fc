import { join } from 'node:path'
import type { Direction, IndexDecl, StorageRule, TriggerDecl } from './declarations'
import { DeployError } from './errors'
import { secretPlaceholder, type Call, type CurrentFunction, type CurrentState, type IndexChanges, type RuleArgs, type FunctionArgs, type CodeArgs, type FunctionConfigArgs } from './plan'

/**
 * The part of @cloudbase/manager-node the deploy uses (its documented API, same names and shapes).
 * `new CloudBase({...})` satisfies it; tests pass an in-memory environment with the same surface.
 */
export interface Manager {
  env: { getEnvInfo(): Promise<{ EnvInfo: unknown }> }
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager: { Total: number } }>
    describeCollection(name: string): Promise<{ Indexes?: Array<{ Name: string; Keys: Array<{ Name?: string; Direction?: string }>; Unique: boolean }> }>
    createCollection(name: string): Promise<unknown>
    updateCollection(name: string, info: IndexChanges): Promise<unknown>
  }
  permission: {
    describeResourcePermission(options: { resourceType: 'collection'; resources?: string[] }): Promise<{
      Data: { PermissionList: Array<{ Resource?: string; Permission?: string; SecurityRule?: string }> }
    }>
    modifyResourcePermission(options: RuleArgs): Promise<unknown>
  }
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: { read: boolean | string; write: boolean | string } }>
    setStorageAcl(acl: 'CUSTOM', rule: StorageRule): Promise<unknown>
  }
  functions: {
    listFunctions(limit?: number, offset?: number): Promise<Array<Record<string, string>>>
    getFunctionDetail(name: string): Promise<{
      Timeout: number
      MemorySize: number
      Description: string
      Environment?: { Variables?: Array<{ Key: string; Value: string }> }
      Triggers?: Array<{ TriggerName?: string; Name?: string; Type: string; TriggerDesc?: string; Config?: string }>
    }>
    createFunction(param: { func: FunctionArgs; functionRootPath: string; force: boolean }): Promise<unknown>
    updateFunctionCode(param: { func: CodeArgs; functionRootPath: string }): Promise<unknown>
    updateFunctionConfig(func: FunctionConfigArgs): Promise<unknown>
    createFunctionTriggers(name: string, triggers: TriggerDecl[]): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
  }
}

const PAGE = 100

function codeOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code
  return ''
}
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** The first call: a wrong environment id or a bad API key fails here, before any change. */
export async function checkEnvironment(app: Manager, envId: string): Promise<void> {
  try {
    await app.env.getEnvInfo()
  } catch (err) {
    const code = codeOf(err)
    if (code.startsWith('AuthFailure') || code === 'UnauthorizedOperation' || /secret|签名|signature/i.test(messageOf(err))) {
      throw new DeployError(`腾讯云 API 密钥无效或无权访问环境 ${envId}（${code || messageOf(err)}）。`, `The Tencent Cloud API key is invalid or may not manage environment ${envId} (${code || messageOf(err)}).`, {
        zh: '在腾讯云「访问管理 → API 密钥」核对 SecretId/SecretKey，写入密钥文件的 tencentcloud 字段；该账号须有云开发权限。',
        en: 'Check SecretId/SecretKey under Tencent Cloud CAM → API keys, put them in the secrets file under tencentcloud; the account needs CloudBase permissions.',
      })
    }
    throw new DeployError(`找不到云开发环境 ${envId}（${code || messageOf(err)}）。没有做任何改动。`, `CloudBase environment ${envId} was not found (${code || messageOf(err)}). Nothing was changed.`, {
      zh: '在微信开发者工具「云开发 → 设置」或云开发控制台复制环境 ID，用 --env 传入。',
      en: 'Copy the environment id from WeChat DevTools (云开发 → 设置) or the CloudBase console and pass it with --env.',
    })
  }
}

function toIndex(i: { Name: string; Keys: Array<{ Name?: string; Direction?: string }>; Unique: boolean }): IndexDecl {
  return { name: i.Name, keys: i.Keys.map((k): [string, Direction] => [k.Name ?? '', k.Direction === '-1' ? -1 : 1]), unique: i.Unique }
}

function parseRule(text: string | undefined): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function toTrigger(t: { TriggerName?: string; Name?: string; Type: string; TriggerDesc?: string; Config?: string }): TriggerDecl {
  let config = t.Config ?? ''
  if (!config && t.TriggerDesc) {
    const desc = parseRule(t.TriggerDesc)
    config = typeof desc === 'object' && desc !== null && 'cron' in desc && typeof desc.cron === 'string' ? desc.cron : t.TriggerDesc
  }
  return { name: t.TriggerName ?? t.Name ?? '', type: 'timer', config }
}

/** Reads what the environment has for everything the repository declares. Reads only. */
export async function readCurrent(app: Manager, collections: readonly string[]): Promise<CurrentState> {
  const state: CurrentState = { collections: new Map(), collectionRules: new Map(), storage: { acl: '', rule: null }, functions: new Map() }
  const names: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await app.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
    names.push(...page.Collections.map((c) => c.CollectionName))
    if (page.Collections.length < PAGE || names.length >= page.Pager.Total) break
  }
  for (const name of names.filter((n) => collections.includes(n))) {
    const described = await app.database.describeCollection(name)
    state.collections.set(name, { indexes: (described.Indexes ?? []).map(toIndex) })
  }
  for (let i = 0; i < collections.length; i += PAGE) {
    const res = await app.permission.describeResourcePermission({ resourceType: 'collection', resources: collections.slice(i, i + PAGE) })
    for (const p of res.Data.PermissionList) {
      if (p.Resource) state.collectionRules.set(p.Resource, { permission: p.Permission ?? '', rule: parseRule(p.SecurityRule) })
    }
  }
  const acl = await app.storage.getStorageAcl({ withRule: true })
  state.storage = { acl: acl.acl, rule: acl.rule ?? null }
  const fnNames: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await app.functions.listFunctions(PAGE, offset)
    fnNames.push(...page.map((f) => f.FunctionName).filter((n): n is string => typeof n === 'string'))
    if (page.length < PAGE) break
  }
  for (const name of fnNames) {
    const d = await app.functions.getFunctionDetail(name)
    const fn: CurrentFunction = {
      timeout: d.Timeout,
      memorySize: d.MemorySize,
      description: d.Description ?? '',
      env: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
      triggers: (d.Triggers ?? []).filter((t) => t.Type === 'timer').map(toTrigger),
    }
    state.functions.set(name, fn)
  }
  return state
}

/** The environment with each secret placeholder replaced by its value, right before the call is sent. */
function withSecrets(envVariables: Record<string, string>, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(envVariables).map(([name, value]) => [name, value === secretPlaceholder(name) ? (env[name] ?? '') : value]))
}

/** Sends one planned call through manager-node. */
export async function execute(app: Manager, call: Call, env: Record<string, string>, root: string): Promise<void> {
  const fromRoot = (p: string) => join(root, p)
  switch (call.method) {
    case 'createCollection':
      return void (await app.database.createCollection(...call.args))
    case 'updateCollection':
      return void (await app.database.updateCollection(...call.args))
    case 'modifyResourcePermission':
      return void (await app.permission.modifyResourcePermission(...call.args))
    case 'setStorageAcl':
      return void (await app.storage.setStorageAcl(...call.args))
    case 'createFunction': {
      const [{ func, functionRootPath, force }] = call.args
      return void (await app.functions.createFunction({ func: { ...func, envVariables: withSecrets(func.envVariables, env) }, functionRootPath: fromRoot(functionRootPath), force }))
    }
    case 'updateFunctionCode': {
      const [{ func, functionRootPath }] = call.args
      return void (await app.functions.updateFunctionCode({ func, functionRootPath: fromRoot(functionRootPath) }))
    }
    case 'updateFunctionConfig': {
      const [settings] = call.args
      // The update replaces the whole environment: read it again and keep what the deploy does not manage.
      const now = await app.functions.getFunctionDetail(settings.name)
      const kept = Object.fromEntries((now.Environment?.Variables ?? []).filter((v) => !(v.Key in settings.envVariables)).map((v) => [v.Key, v.Value]))
      return void (await app.functions.updateFunctionConfig({ ...settings, envVariables: { ...kept, ...withSecrets(settings.envVariables, env) } }))
    }
    case 'createFunctionTriggers':
      return void (await app.functions.createFunctionTriggers(...call.args))
    case 'deleteFunctionTrigger':
      return void (await app.functions.deleteFunctionTrigger(...call.args))
  }
}
