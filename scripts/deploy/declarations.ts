import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { z } from 'zod'
import { loadManifest } from '../../local-cloud/db/manifest'
import { DeployError } from './errors'

/**
 * What the repository declares, read from its own files every time (never copied into the deploy code):
 * database/*.json (collections, indexes, security rules), database/storage/rules.json (the storage rule) and
 * cloudfunctions/<fn>/ (the built index.js, package.json and config.json with timeout, timers and
 * openapi permissions). Anything that does not parse stops here, before the cloud is touched.
 */

export type Direction = 1 | -1
export interface IndexDecl {
  name: string
  keys: Array<[string, Direction]>
  unique: boolean
}
export interface CollectionDecl {
  name: string
  /** the security rule as written in database/<file>.json, e.g. { read: false, write: false } */
  rules: Record<string, unknown>
  indexes: IndexDecl[]
}
export interface TriggerDecl {
  name: string
  type: 'timer'
  config: string
}
export interface FunctionDecl {
  name: string
  /** seconds; undefined = not declared (CloudBase then applies 3 s) */
  timeout: number | undefined
  memorySize: number | undefined
  openapi: string[]
  triggers: TriggerDecl[]
  /** sha-256 of index.js, package.json and config.json: what the package holds */
  packageHash: string
  /** the bundle's text, to see which settings it reads */
  bundle: string
}
export interface StorageRule {
  read: boolean | string
  write: boolean | string
}
export interface Declarations {
  root: string
  collections: CollectionDecl[]
  storage: StorageRule
  functions: FunctionDecl[]
}

const PACKAGE_FILES = ['index.js', 'package.json', 'config.json'] as const

/** cloudfunctions/<fn>/config.json. Strict: a key the deploy does not know would otherwise be dropped silently. */
const FunctionConfig = z.strictObject({
  timeout: z.number().int().min(1).max(900).optional(),
  memorySize: z.number().int().min(64).max(3072).optional(),
  permissions: z.strictObject({ openapi: z.array(z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/, 'like subscribeMessage.send')).default([]) }).optional(),
  triggers: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/),
        type: z.literal('timer'),
        // WeChat timers take seven cron fields: second minute hour day month weekday year
        config: z.string().regex(/^\S+( \S+){6}$/, 'seven cron fields / 须为 7 段 cron 表达式'),
      }),
    )
    .optional(),
})

const StorageRuleFile = z.strictObject({
  _comment: z.array(z.string()).optional(),
  rules: z.strictObject({
    read: z.union([z.boolean(), z.string().min(1)]),
    write: z.union([z.boolean(), z.string().min(1)]),
  }),
})

/** Where the storage rule is declared (the aid work wrote it beside the collections' rules). */
export const STORAGE_RULE_FILE = join('database', 'storage', 'rules.json')

function parseJsonFile(root: string, path: string, what: { zh: string; en: string }): unknown {
  const shown = relative(root, path)
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new DeployError(`${shown}（${what.zh}）无法解析：${detail}`, `${shown} (${what.en}) does not parse: ${detail}`, {
      zh: `修正 ${shown} 的 JSON 格式后重新运行；云端没有做任何改动。`,
      en: `Fix the JSON in ${shown} and run again; nothing in the cloud was changed.`,
    })
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : error.message
}

export function readCollections(root: string): CollectionDecl[] {
  const folder = join(root, 'database')
  if (!existsSync(folder)) {
    throw new DeployError(`找不到 database/ 文件夹（${folder}）。`, `No database/ folder at ${folder}.`, {
      zh: '在仓库根目录运行部署命令。',
      en: 'Run the deploy from the repository root.',
    })
  }
  // Parse each file first so a broken one is named; then the local cloud's own reader checks the shape.
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    parseJsonFile(root, join(folder, file), { zh: '数据库集合、索引与安全规则', en: 'collections, indexes and security rules' })
  }
  let manifest: ReturnType<typeof loadManifest>
  try {
    manifest = loadManifest(folder)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new DeployError(`database/*.json 的声明不正确：${detail}`, `A declaration in database/*.json is wrong: ${detail}`, {
      zh: '按报错修改该文件（每个集合须有 rules 与 indexes，索引名在集合内唯一）。',
      en: 'Correct that file (each collection has rules and indexes; index names are unique within a collection).',
    })
  }
  return [...manifest].map(([name, spec]) => ({
    name,
    rules: spec.rules,
    indexes: spec.indexes.map((i) => ({ name: i.name, keys: i.keys.map(([f, d]): [string, Direction] => [f, d]), unique: i.unique })),
  }))
}

export function readStorageRule(root: string): StorageRule {
  const path = join(root, STORAGE_RULE_FILE)
  if (!existsSync(path)) {
    throw new DeployError(`找不到云存储安全规则 ${STORAGE_RULE_FILE}。`, `${STORAGE_RULE_FILE} (the storage security rule) is missing.`, {
      zh: `从仓库恢复 ${STORAGE_RULE_FILE}。`,
      en: `Restore ${STORAGE_RULE_FILE} from the repository.`,
    })
  }
  const parsed = StorageRuleFile.safeParse(parseJsonFile(root, path, { zh: '云存储安全规则', en: 'storage security rule' }))
  if (!parsed.success) {
    throw new DeployError(`${STORAGE_RULE_FILE} 不正确：${firstIssue(parsed.error)}`, `${STORAGE_RULE_FILE} is wrong: ${firstIssue(parsed.error)}`, {
      zh: 'rules.read 与 rules.write 须为 true、false 或规则表达式字符串。',
      en: 'rules.read and rules.write must each be true, false or a rule expression string.',
    })
  }
  return parsed.data.rules
}

/** Every folder of cloudfunctions/ that is a function (has its source, its config or its package). */
function functionFolders(root: string): string[] {
  const dir = join(root, 'cloudfunctions')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && ['src/index.ts', ...PACKAGE_FILES].some((f) => existsSync(join(dir, d.name, f))))
    .map((d) => d.name)
    .sort()
}

export function readFunction(root: string, name: string): FunctionDecl {
  const dir = join(root, 'cloudfunctions', name)
  const missing = PACKAGE_FILES.filter((f) => !existsSync(join(dir, f)))
  if (missing.length) {
    const built = missing.includes('index.js')
    throw new DeployError(
      `云函数 ${name} 缺少 ${missing.join('、')}${built ? '（函数还没有构建）' : ''}。`,
      `Cloud function ${name} is missing ${missing.join(', ')}${built ? ' (the function is not built)' : ''}.`,
      built
        ? { zh: '先运行 npm run build:functions，再部署。', en: 'Run npm run build:functions first, then deploy.' }
        : { zh: `从仓库恢复 cloudfunctions/${name}/${missing.join('、')}。`, en: `Restore cloudfunctions/${name}/${missing.join(', ')} from the repository.` },
    )
  }
  const config = FunctionConfig.safeParse(parseJsonFile(root, join(dir, 'config.json'), { zh: `云函数 ${name} 的配置`, en: `config of cloud function ${name}` }))
  if (!config.success) {
    throw new DeployError(
      `cloudfunctions/${name}/config.json 不正确：${firstIssue(config.error)}`,
      `cloudfunctions/${name}/config.json is wrong: ${firstIssue(config.error)}`,
      { zh: '只可含 timeout、memorySize、permissions.openapi 与 timer 类型的 triggers。', en: 'It may hold timeout, memorySize, permissions.openapi and timer triggers only.' },
    )
  }
  parseJsonFile(root, join(dir, 'package.json'), { zh: `云函数 ${name} 的依赖`, en: `package of cloud function ${name}` })
  const hash = createHash('sha256')
  for (const f of PACKAGE_FILES) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0')
  return {
    name,
    timeout: config.data.timeout,
    memorySize: config.data.memorySize,
    openapi: config.data.permissions?.openapi ?? [],
    triggers: config.data.triggers ?? [],
    packageHash: hash.digest('hex').slice(0, 16),
    bundle: readFileSync(join(dir, 'index.js'), 'utf8'),
  }
}

/** Reads everything the deploy needs from `root` (the repository by default); throws DeployError on the first problem. */
export function readDeclarations(root: string): Declarations {
  const collections = readCollections(root)
  const storage = readStorageRule(root)
  const names = functionFolders(root)
  if (names.length === 0) {
    throw new DeployError('cloudfunctions/ 里没有云函数。', 'There is no cloud function in cloudfunctions/.', {
      zh: '在仓库根目录运行，并先运行 npm run build:functions。',
      en: 'Run from the repository root, after npm run build:functions.',
    })
  }
  return { root, collections, storage, functions: names.map((n) => readFunction(root, n)) }
}

/** The settings among `available` that a function's bundle reads (by name), so each function holds only what it uses. */
export function envNamesUsed(fn: FunctionDecl, available: readonly string[]): string[] {
  return available.filter((name) => new RegExp(`\\b${name}\\b`).test(fn.bundle)).sort()
}
