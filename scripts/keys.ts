/**
 * npm run keys [-- --rotate] [--secrets <file>]
 *
 * Makes the keys the cloud functions seal personal data with (server/privacy/crypto.ts) into the local
 * secrets file (.secrets/cloudbase.json, mode 600, ignored by git); `npm run deploy` puts them into each
 * function's environment. --rotate adds a new field key in front: new values are sealed with it, and
 * the old keys stay so what they sealed still opens. The hash key is never rotated (stored hashes find
 * duplicate ID numbers; a new key would make every old hash unfindable). Keys are never printed.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DeployError, runCli } from './deploy/errors'
import { DEFAULT_SECRETS_FILE, readSecrets, writeSecrets, type FieldKey, type SecretsFile } from './deploy/secrets'

const newKey = () => randomBytes(32).toString('base64')

export interface KeysResult {
  secrets: SecretsFile
  /** what happened, in words that hold no key */
  said: string[]
  changed: boolean
}

/** The secrets after `npm run keys`: new keys where there are none, a new first field key on rotate, everything else kept. */
export function makeKeys(existing: SecretsFile | null, opts: { rotate: boolean; now: Date }): KeysResult {
  const secrets: SecretsFile = { ...(existing ?? {}) }
  const said: string[] = []
  let changed = false
  const createdAt = opts.now.toISOString()
  if (!secrets.fieldKeys?.length) {
    secrets.fieldKeys = [{ version: 1, key: newKey(), createdAt }]
    said.push('新建字段密钥 v1 / made field key v1')
    changed = true
  } else if (opts.rotate) {
    const version = Math.max(...secrets.fieldKeys.map((k) => k.version)) + 1
    const fresh: FieldKey = { version, key: newKey(), createdAt }
    secrets.fieldKeys = [fresh, ...secrets.fieldKeys]
    said.push(`轮换：新字段密钥 v${version} 用于加密，旧密钥 ${secrets.fieldKeys.slice(1).map((k) => `v${k.version}`).join(', ')} 保留用于解密 / rotated: v${version} seals from now on, older keys still open`)
    changed = true
  } else {
    said.push(`已有字段密钥 ${secrets.fieldKeys.map((k) => `v${k.version}`).join(', ')}，未改动（要换新密钥请加 --rotate） / field keys exist; unchanged (add --rotate for a new one)`)
  }
  if (!secrets.hashKey) {
    secrets.hashKey = newKey()
    said.push('新建哈希密钥 / made the hash key')
    changed = true
  } else if (opts.rotate) {
    said.push('哈希密钥不轮换：换了它，已存的身份证号哈希就查不到重复 / the hash key is not rotated: stored hashes would stop finding duplicates')
  }
  if (!secrets.bootstrapToken) {
    secrets.bootstrapToken = randomBytes(32).toString('hex')
    said.push('新建首次初始化口令 / made the bootstrap token')
    changed = true
  }
  return { secrets, said, changed }
}

export function runKeys(file: string, opts: { rotate: boolean; now?: Date; log?: (line: string) => void }): KeysResult {
  const log = opts.log ?? ((line: string) => console.log(line))
  const existing = readSecrets(file)
  const result = makeKeys(existing, { rotate: opts.rotate, now: opts.now ?? new Date() })
  if (result.changed) writeSecrets(file, result.secrets)
  else if (existsSync(file)) chmodSync(file, 0o600)
  for (const line of result.said) log(line)
  log(`密钥文件 secrets file: ${file}（仅本人可读 mode 600，git 不提交 / ignored by git）`)
  if (result.changed) log('下一步 next: npm run deploy -- --env <环境ID>，把密钥写入云函数环境变量 / puts the keys into the functions\' environment')
  return result
}

if (require.main === module) {
  runCli(async () => {
    let values: { rotate: boolean; secrets?: string }
    try {
      values = parseArgs({ options: { rotate: { type: 'boolean', default: false }, secrets: { type: 'string' } }, strict: true }).values
    } catch (err) {
      throw new DeployError(`参数不正确：${err instanceof Error ? err.message : err}`, `Bad arguments: ${err instanceof Error ? err.message : err}`, {
        zh: '用法：npm run keys [-- --rotate] [--secrets <密钥文件>]',
        en: 'Usage: npm run keys [-- --rotate] [--secrets <file>]',
      })
    }
    runKeys(values.secrets ? resolve(values.secrets) : DEFAULT_SECRETS_FILE, { rotate: values.rotate })
  })
}
