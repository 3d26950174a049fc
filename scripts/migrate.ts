/**
 * npm run migrate -- (--env <环境ID> | --local <LOCAL_CLOUD_ADMIN_URL>)
 *
 * One-off data migrations, safe to run again (each finds only what is still in the old shape). Today:
 * role documents named `r-<openid>-<union>-<role>` from before role ids were opaque get their
 * roleIdFor id, with every membership stint that points at them (union.migrateRoleIds, page by page:
 * the key that makes the ids lives in the functions, so the function renames them).
 */
import { parseArgs } from 'node:util'
import { envelopeOf } from '../shared/contract'
import { LOCAL_PRIVACY_ENV } from '../server/privacy/devEnv'
import { unionActions } from '../shared/union/actions'
import { MigrateRoleIdsOutput } from '../shared/union/bootstrap'
import { callCloud, callLocal, targetOf, type Target } from './bootstrap'
import { DeployError, runCli } from './deploy/errors'
import { checkEnvId } from './deploy'

const USAGE = '用法 / usage: npm run migrate -- (--env <环境ID> | --local <LOCAL_CLOUD_ADMIN_URL>)'
const Answer = envelopeOf(MigrateRoleIdsOutput)
const action = unionActions.migrateRoleIds
/** Pages before giving up: 200 × 50 role documents is far more than any deployment holds. */
const MAX_PAGES = 200

export async function migrate(target: Target, log: (line: string) => void = (line) => console.log(line)): Promise<number> {
  if (target.kind === 'env') checkEnvId(target.envId)
  let total = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const raw =
      target.kind === 'local'
        ? await callLocal(target.adminUrl, { bootstrapToken: LOCAL_PRIVACY_ENV.GHT_BOOTSTRAP_TOKEN, limit: 50 }, action)
        : await callCloud(target, (bootstrapToken) => ({ bootstrapToken, limit: 50 }), action)
    const answer = Answer.safeParse(raw)
    if (!answer.success) throw new Error(`union.migrateRoleIds answered outside its contract: ${JSON.stringify(raw)}`)
    if (!answer.data.ok) {
      const { code, message } = answer.data.error
      throw new DeployError(`${message}（${code}）`, `union.migrateRoleIds refused: ${code}`, {
        zh: '确认 npm run deploy 已把最新的云函数和密钥文件部署上去。',
        en: 'Check that npm run deploy put the current functions and secrets file in place.',
      })
    }
    total += answer.data.data.migrated
    if (answer.data.data.done) {
      log(`角色编号迁移完成：改了 ${total} 个 / role ids migrated: ${total}`)
      return total
    }
  }
  throw new Error(`role id migration did not finish after ${MAX_PAGES} pages`)
}

if (require.main === module) {
  runCli(async () => {
    const options = { env: { type: 'string' }, local: { type: 'string' }, trial: { type: 'boolean', default: false }, secrets: { type: 'string' } } as const
    let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values']
    try {
      values = parseArgs({ options, strict: true }).values
    } catch (err) {
      throw new DeployError(`参数不正确：${err instanceof Error ? err.message : err}`, `Bad arguments: ${err instanceof Error ? err.message : err}`, { zh: USAGE, en: USAGE })
    }
    const target = targetOf(values, USAGE)
    await migrate(target)
  })
}
