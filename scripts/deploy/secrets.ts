import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { z } from 'zod'
import { DeployError } from './errors'

/**
 * The local secrets file (git ignores .secrets/): the Tencent Cloud API key the deploy signs with, the
 * field and hash keys the functions seal personal data with (server/privacy/crypto.ts), the one-time
 * bootstrap token, and any extra function settings. Written with mode 600; nothing here is ever printed.
 */
export const ROOT = resolve(__dirname, '..', '..')
export const DEFAULT_SECRETS_FILE = resolve(ROOT, '.secrets', 'cloudbase.json')

const KEY_BYTES = 32
const Base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64 / 不是 base64')
  .refine((s) => Buffer.from(s, 'base64').length === KEY_BYTES, `not ${KEY_BYTES} bytes / 解码后不是 ${KEY_BYTES} 字节`)

export const FieldKey = z.object({
  version: z.number().int().min(1),
  key: Base64Key,
  createdAt: z.string(),
})
export type FieldKey = z.infer<typeof FieldKey>

/** Settings a function reads from its environment besides the keys (server/notify/config.ts, engine, membership). */
const FunctionEnvName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'env names are UPPER_CASE / 变量名须为大写字母、数字和下划线')

export const SecretsFile = z.strictObject({
  tencentcloud: z.strictObject({ secretId: z.string().min(1), secretKey: z.string().min(1), token: z.string().optional() }).optional(),
  /** first = the key that seals; the others only open what they sealed before a rotation */
  fieldKeys: z
    .array(FieldKey)
    .min(1)
    .refine((keys) => new Set(keys.map((k) => k.version)).size === keys.length, 'two field keys share a version / 两个字段密钥版本号相同')
    .optional(),
  hashKey: Base64Key.optional(),
  /** proves a bootstrap call comes from whoever holds this file (cloudfunctions/union bootstrap) */
  bootstrapToken: z.string().regex(/^[0-9a-f]{64}$/, '64 hex characters / 须为 64 位十六进制').optional(),
  functionEnv: z.record(FunctionEnvName, z.string()).optional(),
})
export type SecretsFile = z.infer<typeof SecretsFile>

const show = (file: string) => relative(process.cwd(), file) || file

/** Reads the secrets file; null when it does not exist. A file that does not parse stops with a message naming the field. */
export function readSecrets(file: string): SecretsFile | null {
  if (!existsSync(file)) return null
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    // The parser's message may quote the file's text, which holds keys: name the position only.
    const at = err instanceof SyntaxError ? (/position (\d+)/.exec(err.message)?.[1] ?? '?') : '?'
    throw new DeployError(
      `密钥文件 ${show(file)} 不是合法的 JSON（约第 ${at} 个字符处）。`,
      `The secrets file ${show(file)} is not valid JSON (near character ${at}).`,
      { zh: `修正该文件的 JSON 格式，或将其改名后重新运行 npm run keys 生成新文件（旧密钥加密的数据需要旧密钥才能打开）。`, en: `Fix the file's JSON, or move it away and run npm run keys for a new one (data sealed with the old keys needs them to open).` },
    )
  }
  const parsed = SecretsFile.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : '(top level)'
    throw new DeployError(
      `密钥文件 ${show(file)} 的字段 ${where} 不正确：${issue?.message ?? ''}`,
      `The secrets file ${show(file)} has a bad field ${where}: ${issue?.message ?? ''}`,
      { zh: `按 README「部署到微信云开发」中的格式修改 ${where}。`, en: `Correct ${where} as described in README, section 部署到微信云开发.` },
    )
  }
  return parsed.data
}

/** Writes the secrets file atomically, readable by its owner only (600; the folder 700). */
export function writeSecrets(file: string, secrets: SecretsFile): void {
  const checked = SecretsFile.parse(secrets)
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600 })
  chmodSync(temp, 0o600)
  renameSync(temp, file)
}

/** True when group or others may read the file. */
export function isExposed(file: string): boolean {
  return (statSync(file).mode & 0o077) !== 0
}

/** GHT_FIELD_KEY as server/privacy/crypto.ts reads it: "v2:<base64>,v1:<base64>", the sealing key first. */
export function fieldKeyEnv(keys: readonly FieldKey[]): string {
  return keys.map((k) => `v${k.version}:${k.key}`).join(',')
}

/**
 * The environment the secrets give the functions. Each function gets only the names its bundle reads
 * (see plan.ts), so a function that never seals anything never holds the keys.
 */
export function functionEnvOf(secrets: SecretsFile): Record<string, string> {
  const env: Record<string, string> = { ...(secrets.functionEnv ?? {}) }
  if (secrets.fieldKeys) env.GHT_FIELD_KEY = fieldKeyEnv(secrets.fieldKeys)
  if (secrets.hashKey) env.GHT_HASH_KEY = secrets.hashKey
  if (secrets.bootstrapToken) env.GHT_BOOTSTRAP_TOKEN = secrets.bootstrapToken
  return env
}
