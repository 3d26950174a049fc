/**
 * npm run deploy -- --env <环境ID> [--dry-run] [--json] [--secrets <file>]
 *
 * Puts the repository into a WeChat CloudBase environment with Tencent's management SDK
 * (@cloudbase/manager-node): every collection of database/*.json with its indexes and security rule,
 * the storage rule of database/storage/rules.json, and every cloud function with its config.json (timeout,
 * timers, openapi permissions) and its environment (keys from the secrets file, .secrets/cloudbase.json).
 * It reads what exists first and changes only what differs, saying what it changed.
 * --dry-run prints every call a first deploy makes: no network, no credentials, no secrets needed.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkEnvironment, execute, readCurrent, type Manager } from './deploy/cloud'
import { readDeclarations } from './deploy/declarations'
import { DeployError, runCli } from './deploy/errors'
import { emptyState, formatCall, planDeploy } from './deploy/plan'
import { DEFAULT_SECRETS_FILE, ROOT, functionEnvOf, isExposed, readSecrets, type SecretsFile } from './deploy/secrets'

const USAGE = '用法 / usage: npm run deploy -- --env <环境ID> [--dry-run] [--json] [--secrets <密钥文件>]'
/** CloudBase environment ids: lowercase letters, digits and hyphens, e.g. cloud1-9g8h7f6e5d4c3b2a */
const ENV_ID = /^[a-z][a-z0-9-]{2,38}[a-z0-9]$/

/** The names `npm run keys` writes: a dry run without a secrets file still shows which function gets which. */
const KEY_NAMES = ['GHT_FIELD_KEY', 'GHT_HASH_KEY', 'GHT_BOOTSTRAP_TOKEN']

export interface DeployOptions {
  envId: string
  dryRun: boolean
  json: boolean
  secretsFile: string
  /** the repository (tests point it at a copy) */
  root: string
  /** makes the management client; tests pass an in-memory environment */
  connect?: (config: { envId: string; secretId: string; secretKey: string; token?: string }) => Manager
  log?: (line: string) => void
}

export function checkEnvId(envId: string | undefined): string {
  if (!envId) {
    throw new DeployError('没有给出云开发环境 ID。', 'No CloudBase environment id was given.', {
      zh: `加上 --env <环境ID>。${USAGE}`,
      en: `Add --env <environment id>. ${USAGE}`,
    })
  }
  if (!ENV_ID.test(envId)) {
    throw new DeployError(`「${envId}」不是有效的云开发环境 ID（小写字母开头，只含小写字母、数字和连字符，4–40 个字符）。`, `"${envId}" is not a valid CloudBase environment id (lowercase letter first, then lowercase letters, digits and hyphens, 4–40 characters).`, {
      zh: '在微信开发者工具「云开发 → 设置」复制环境 ID，例如 cloud1-9g8h7f6e5d4c3b2a。',
      en: 'Copy the environment id from WeChat DevTools (云开发 → 设置), e.g. cloud1-9g8h7f6e5d4c3b2a.',
    })
  }
  return envId
}

function credentialsOf(secrets: SecretsFile | null, file: string): { secretId: string; secretKey: string; token?: string } {
  const fromFile = secrets?.tencentcloud
  if (fromFile) return fromFile
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (secretId && secretKey) return { secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN }
  throw new DeployError(`缺少腾讯云 API 密钥：${file} 里没有 tencentcloud.secretId / secretKey，环境变量 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY 也没有设置。`, `Tencent Cloud API credentials are missing: ${file} has no tencentcloud.secretId / secretKey, and TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY are not set.`, {
    zh: '在腾讯云「访问管理 → API 密钥」新建密钥，写入密钥文件 "tencentcloud": { "secretId": "…", "secretKey": "…" }。',
    en: 'Create a key under Tencent Cloud CAM → API keys and put it in the secrets file as "tencentcloud": { "secretId": "…", "secretKey": "…" }.',
  })
}

export async function deploy(opts: DeployOptions): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const envId = checkEnvId(opts.envId)
  // Everything local is checked before the first network call: declarations, bundles, secrets, credentials.
  const decl = readDeclarations(opts.root)
  const secrets = readSecrets(opts.secretsFile)
  if (opts.dryRun) {
    const env = secrets ? functionEnvOf(secrets) : Object.fromEntries(KEY_NAMES.map((n) => [n, '']))
    const plan = planDeploy({ decl, env, current: emptyState() })
    if (opts.json) return log(JSON.stringify({ envId, calls: plan.calls, notes: plan.notes }, null, 2))
    log(`# 演练 dry run: ${plan.calls.length} calls for a first deploy to ${envId} (a real run reads the environment first and makes only the calls whose target differs)`)
    for (const call of plan.calls) log(formatCall(call))
    for (const note of plan.notes) log(`# 注意 note: ${note}`)
    if (!secrets) log(`# 密钥文件 ${opts.secretsFile} 还不存在：部署前先运行 npm run keys / the secrets file does not exist yet: run npm run keys before deploying`)
    return
  }
  if (!secrets || !secrets.fieldKeys || !secrets.hashKey) {
    throw new DeployError(`密钥文件 ${opts.secretsFile} ${secrets ? '里没有字段密钥' : '不存在'}：云函数没有密钥就无法加密身份证号等敏感信息。`, `The secrets file ${opts.secretsFile} ${secrets ? 'holds no field keys' : 'does not exist'}: without them the functions cannot seal ID numbers and other sensitive fields.`, {
      zh: '先运行 npm run keys。',
      en: 'Run npm run keys first.',
    })
  }
  if (isExposed(opts.secretsFile)) log(`# 警告 warning: ${opts.secretsFile} 其他用户可读 / is readable by others: chmod 600 ${opts.secretsFile}`)
  const credentials = credentialsOf(secrets, opts.secretsFile)
  const connect =
    opts.connect ??
    ((config) => {
      // Loaded only for a real run, so a dry run needs nothing beyond the repository.
      const CloudBase: typeof import('@cloudbase/manager-node') = require('@cloudbase/manager-node')
      // typed as manager-node's own client: tsc checks it has every method the deploy calls, with these shapes
      const app: Manager = new CloudBase(config)
      return app
    })
  const app = connect({ envId, ...credentials })
  await checkEnvironment(app, envId)
  const env = functionEnvOf(secrets)
  const current = await readCurrent(app, decl.collections.map((c) => c.name))
  const plan = planDeploy({ decl, env, current })
  for (const note of plan.notes) log(`# 注意 note: ${note}`)
  if (plan.calls.length === 0) return log(`环境 ${envId} 已与仓库一致，没有改动。/ Environment ${envId} already matches the repository; nothing changed.`)
  log(`# ${plan.calls.length} 项改动 changes for ${envId}:`)
  let done = 0
  for (const call of plan.calls) {
    try {
      await execute(app, call, env, decl.root)
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err)
      throw new DeployError(`第 ${done + 1} 项改动失败：${call.summary}：${detail}。之前的 ${done} 项已完成。`, `Change ${done + 1} failed: ${call.summary}: ${detail}. The ${done} before it were made.`, {
        zh: '按报错处理后重新运行 npm run deploy：它会跳过已经一致的部分。',
        en: 'Deal with the error, then run npm run deploy again: it skips what already matches.',
      })
    }
    done++
    log(`✔ ${call.summary}`)
  }
  log(`完成：${done} 项改动。/ Done: ${done} changes.`)
}

if (require.main === module) {
  runCli(async () => {
    const options = { env: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, secrets: { type: 'string' } } as const
    let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values']
    try {
      values = parseArgs({ options, strict: true }).values
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err)
      throw new DeployError(`参数不正确：${detail}`, `Bad arguments: ${detail}`, { zh: USAGE, en: USAGE })
    }
    await deploy({
      envId: checkEnvId(values.env),
      dryRun: values['dry-run'],
      json: values.json,
      secretsFile: values.secrets ? resolve(values.secrets) : DEFAULT_SECRETS_FILE,
      root: process.env.GHT_DEPLOY_ROOT ? resolve(process.env.GHT_DEPLOY_ROOT) : ROOT,
    })
  })
}
