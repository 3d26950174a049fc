/**
 * npm run bootstrap -- --name <名称> --area <属地> (--env <环境ID> | --local <LOCAL_CLOUD_ADMIN_URL>) [--days 7] [--trial]
 *
 * Makes the root federation (区/县总工会) and a one-time, expiring invitation for its first administrator,
 * shown as a QR code in the terminal and as a link: whoever accepts it in the mini-program becomes the
 * federation's staff (联合会干部) and appoints everyone else from there. It calls union.bootstrapRoot the
 * way only an operator can: through the management API (no WeChat user), with the bootstrap token of the
 * secrets file; the function refuses once a root exists. --local does the same against a local cloud.
 *
 * npm run bootstrap -- --reinvite (--env … | --local …) [--days 7]: the first invitation expired before anyone
 * accepted it, so the root has no administrator: a new invitation (older ones are expired). Refused once
 * someone holds an office at the root.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { qrRows } from '../client/components/qrRows'
import { LOCAL_ENV } from '../local-cloud/runner'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { envelopeOf } from '../shared/contract'
import { BootstrapRootInput, BootstrappedRoot } from '../shared/union/bootstrap'
import { unionActions } from '../shared/union/actions'
import { checkEnvironment } from './deploy/cloud'
import { DeployError, runCli } from './deploy/errors'
import { DEFAULT_SECRETS_FILE, ROOT, readSecrets } from './deploy/secrets'
import { checkEnvId } from './deploy'

const USAGE =
  '用法 / usage: npm run bootstrap -- --name <名称> --area <属地> (--env <环境ID> | --local <LOCAL_CLOUD_ADMIN_URL>) [--days 7] [--trial]\n' +
  '邀请过期无人接受时 / when the invitation expired unaccepted: npm run bootstrap -- --reinvite (--env <环境ID> | --local <LOCAL_CLOUD_ADMIN_URL>) [--days 7] [--trial]'
const Answer = envelopeOf(BootstrappedRoot)
const action = unionActions.bootstrapRoot

export type Target = { kind: 'env'; envId: string; secretsFile: string; trial: boolean } | { kind: 'local'; adminUrl: string }

export interface BootstrapOptions {
  name: string
  area: string
  days: number
  /** a new invitation for the existing root's first administrator, instead of a new root */
  reinvite?: boolean
  target: Target
  root?: string
  log?: (line: string) => void
}

/** The QR code as terminal text: two modules per character cell (▀ ▄ █), with a quiet zone of two. */
export function qrText(text: string): string {
  const rows = qrRows(text).map((runs) => runs.flatMap(([dark, n]) => Array<boolean>(n).fill(dark)))
  const size = rows.length + 4
  const at = (r: number, c: number) => (r >= 2 && c >= 2 && r < size - 2 && c < size - 2 ? (rows[r - 2]?.[c - 2] ?? false) : false)
  const lines: string[] = []
  for (let r = 0; r < size; r += 2) {
    let line = ''
    for (let c = 0; c < size; c++) line += at(r, c) ? (at(r + 1, c) ? '█' : '▀') : at(r + 1, c) ? '▄' : ' '
    lines.push(line)
  }
  return lines.join('\n')
}

function parseInput(opts: BootstrapOptions, bootstrapToken: string) {
  const parsed = BootstrapRootInput.safeParse(
    opts.reinvite ? { reinvite: true, expiresInDays: opts.days, bootstrapToken } : { name: opts.name, region: opts.area, expiresInDays: opts.days, bootstrapToken },
  )
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = ({ name: '--name', region: '--area', expiresInDays: '--days' } as Record<string, string>)[String(issue?.path[0])] ?? String(issue?.path[0])
  throw new DeployError(`${field} 不正确：${issue?.message ?? ''}`, `${field} is not valid: ${issue?.message ?? ''}`, { zh: USAGE, en: USAGE })
}

/** The mini-program's AppID from project.config.json: the production link needs it. */
function appIdOf(root: string): string {
  const config = z.object({ appid: z.string() }).safeParse(JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')))
  const appid = config.success ? config.data.appid : ''
  if (!/^wx[0-9a-f]{16}$/.test(appid)) {
    throw new DeployError('project.config.json 里还没有填小程序的 AppID，邀请链接打不开小程序。', 'project.config.json has no mini-program AppID yet, so the invitation link could not open the mini-program.', {
      zh: '在微信公众平台「开发管理 → 开发设置」复制 AppID，填进 project.config.json 的 appid。',
      en: 'Copy the AppID from the WeChat admin console (开发管理 → 开发设置) into "appid" in project.config.json.',
    })
  }
  return appid
}

/** Calls union.bootstrapRoot on a local cloud exactly as the management API would: the real SDK, no WeChat user. */
export async function callLocal(adminUrl: string, input: unknown, act: { fn: string; name: string } = action): Promise<unknown> {
  const url = new URL(adminUrl)
  if (!['127.0.0.1', 'localhost'].includes(url.hostname) || !/^\/admin\/[0-9a-f]+$/.test(url.pathname)) {
    throw new DeployError(`--local 需要本地云打印的 LOCAL_CLOUD_ADMIN_URL（形如 http://127.0.0.1:端口/admin/密钥），收到的是 ${url.origin}${url.pathname}。`, `--local takes the LOCAL_CLOUD_ADMIN_URL the local cloud prints (http://127.0.0.1:<port>/admin/<key>); got ${url.origin}${url.pathname}.`, {
      zh: '复制 npm run local-cloud 启动时打印的 LOCAL_CLOUD_ADMIN_URL=… 一行的网址。',
      en: 'Copy the URL from the LOCAL_CLOUD_ADMIN_URL=… line that npm run local-cloud prints.',
    })
  }
  // the local cloud's SDK seam (local-cloud/index.ts): the same variables a function gets there
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local-cloud',
    TENCENTCLOUD_SECRETKEY: 'local-cloud',
    TENCENTCLOUD: 'true',
    TCB_ENV: LOCAL_ENV,
    SCF_NAMESPACE: LOCAL_ENV,
  })
  const cloud: typeof import('wx-server-sdk') = require('wx-server-sdk')
  cloud.init({ env: LOCAL_ENV })
  try {
    const res = await cloud.callFunction({ name: act.fn, data: { action: act.name, input } })
    return res.result
  } catch (err) {
    throw new DeployError(`连不上本地云 ${url.origin}：${err instanceof Error ? err.message : err}`, `Could not reach the local cloud at ${url.origin}: ${err instanceof Error ? err.message : err}`, {
      zh: '确认本地云正在运行，且网址是这次启动打印的（每次启动密钥都会变）。',
      en: 'Check the local cloud is running and the URL is from this start (the key changes at every start).',
    })
  }
}

/** Calls union.bootstrapRoot through Tencent's management API (SCF Invoke): no WeChat user, the operator's API key. */
export async function callCloud(target: Extract<Target, { kind: 'env' }>, input: (token: string) => unknown, act: { fn: string; name: string } = action): Promise<unknown> {
  const secrets = readSecrets(target.secretsFile)
  if (!secrets?.bootstrapToken) {
    throw new DeployError(`密钥文件 ${target.secretsFile} 里没有初始化口令。`, `The secrets file ${target.secretsFile} holds no bootstrap token.`, {
      zh: '先运行 npm run keys，再 npm run deploy（把口令交给云函数），然后再运行本命令。',
      en: 'Run npm run keys, then npm run deploy (which gives the token to the function), then this command again.',
    })
  }
  const credentials = secrets.tencentcloud ?? (process.env.TENCENTCLOUD_SECRETID && process.env.TENCENTCLOUD_SECRETKEY ? { secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY } : null)
  if (!credentials) {
    throw new DeployError(`缺少腾讯云 API 密钥（${target.secretsFile} 的 tencentcloud）。`, `Tencent Cloud API credentials are missing (tencentcloud in ${target.secretsFile}).`, {
      zh: '按 README「部署到微信云开发」第 2、3 步填写 API 密钥。',
      en: 'Add the API key as in README, 部署到微信云开发, steps 2 and 3.',
    })
  }
  const CloudBase: typeof import('@cloudbase/manager-node') = require('@cloudbase/manager-node')
  const app = new CloudBase({ envId: target.envId, ...credentials })
  await checkEnvironment(app, target.envId)
  const res = await app.functions.invokeFunction(act.fn, { action: act.name, input: input(secrets.bootstrapToken) })
  if (res.InvokeResult !== 0 || !res.RetMsg) {
    throw new DeployError(`调用云函数 ${act.fn} 失败：${res.ErrMsg || res.RetMsg}`, `Invoking cloud function ${act.fn} failed: ${res.ErrMsg || res.RetMsg}`, {
      zh: '确认已运行 npm run deploy，且云函数 union 状态正常。',
      en: 'Check that npm run deploy ran and the union function is active.',
    })
  }
  return JSON.parse(res.RetMsg)
}

/** The link the first administrator opens: the local H5 app, or WeChat's plain URL scheme for the mini-program. */
function linkTo(target: Target, path: string, root: string): string {
  if (target.kind === 'local') return `${new URL(target.adminUrl).origin}/${path}`
  const [page, query = ''] = path.split('?')
  const version = target.trial ? '&env_version=trial' : ''
  return `weixin://dl/business/?appid=${appIdOf(root)}&path=${page}&query=${encodeURIComponent(query)}${version}`
}

export async function bootstrap(opts: BootstrapOptions): Promise<BootstrappedRoot> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const root = opts.root ?? ROOT
  const target = opts.target
  if (target.kind === 'env') {
    checkEnvId(target.envId)
    appIdOf(root)
  }
  parseInput(opts, 'checked-before-any-call')
  const raw = target.kind === 'local' ? await callLocal(target.adminUrl, parseInput(opts, LOCAL_PRIVACY_ENV.GHT_BOOTSTRAP_TOKEN)) : await callCloud(target, (token) => parseInput(opts, token))
  const answer = Answer.safeParse(raw)
  if (!answer.success) throw new Error(`union.bootstrapRoot answered outside its contract: ${JSON.stringify(raw)}`)
  const envelope = answer.data
  if (!envelope.ok) {
    const { code, message } = envelope.error
    if (code === 'CONFLICT' && opts.reinvite) {
      throw new DeployError(message, 'The root federation already has an administrator: a new first invitation is refused.', {
        zh: '由现有工作人员在小程序「工会管理」里邀请其他人。',
        en: 'Have the existing staff invite people from the mini-program.',
      })
    }
    if (code === 'NOT_FOUND' && opts.reinvite) {
      throw new DeployError(message, 'There is no root federation yet: run the command without --reinvite first.', { zh: USAGE, en: USAGE })
    }
    if (code === 'CONFLICT') {
      throw new DeployError(message, 'A root federation already exists: this command runs once per deployment.', {
        zh: '由现有总工会的工作人员在小程序「工会管理」里邀请其他人。',
        en: 'Have the existing federation\'s staff invite people from the mini-program.',
      })
    }
    throw new DeployError(`${message}（${code}）`, `union.bootstrapRoot refused: ${code}`, {
      zh: code === 'FORBIDDEN' ? '确认 npm run deploy 用的是同一个密钥文件。' : '按提示修改后重试。',
      en: code === 'FORBIDDEN' ? 'Check that npm run deploy used the same secrets file.' : 'Correct what the message says and retry.',
    })
  }
  const made = envelope.data
  const link = linkTo(target, made.invitation.path, root)
  const until = made.invitation.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
  log(opts.reinvite ? `已为 ${made.unionName}（${made.region}）重新发出第一位管理员的邀请，之前的邀请作废 / a new invitation for the root's first administrator` : `已建立 ${made.unionName}（${made.region}）/ root federation created`)
  log(`第一位管理员的邀请：一次有效，${until}（北京时间）前有效。请本人用微信扫码或打开链接，在小程序里点「接受」。`)
  log(`Invitation for the first administrator: one use, valid until ${made.invitation.expiresAt.toISOString()}.`)
  log('')
  log(qrText(link))
  log('')
  log(`链接 link: ${link}`)
  return made
}

/** Where a command works, from its `--env`/`--local` (exactly one), `--secrets` and `--trial` flags. */
export function targetOf(values: { env?: string; local?: string; secrets?: string; trial?: boolean }, usage: string): Target {
  if (Boolean(values.env) === Boolean(values.local)) {
    throw new DeployError('请给出 --env <环境ID> 或 --local <本地云地址> 之一。', 'Give exactly one of --env <environment id> or --local <local cloud URL>.', { zh: usage, en: usage })
  }
  return values.local
    ? { kind: 'local', adminUrl: values.local }
    : { kind: 'env', envId: values.env ?? '', secretsFile: values.secrets ? resolve(values.secrets) : DEFAULT_SECRETS_FILE, trial: values.trial ?? false }
}

if (require.main === module) {
  runCli(async () => {
    const options = {
      name: { type: 'string' },
      area: { type: 'string' },
      env: { type: 'string' },
      local: { type: 'string' },
      days: { type: 'string', default: '7' },
      trial: { type: 'boolean', default: false },
      reinvite: { type: 'boolean', default: false },
      secrets: { type: 'string' },
    } as const
    let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values']
    try {
      values = parseArgs({ options, strict: true }).values
    } catch (err) {
      throw new DeployError(`参数不正确：${err instanceof Error ? err.message : err}`, `Bad arguments: ${err instanceof Error ? err.message : err}`, { zh: USAGE, en: USAGE })
    }
    const target = targetOf(values, USAGE)
    await bootstrap({ name: values.name ?? '', area: values.area ?? '', days: Number(values.days), reinvite: values.reinvite, target })
  })
}
