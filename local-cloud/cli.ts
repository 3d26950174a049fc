/**
 * Starts the local cloud alone:
 *   npx tsx local-cloud/cli.ts --port 7700 --data .local-cloud [--seed] [--static dist/h5] [--dev-login]
 *                              [--functions cloudfunctions] [--manifest database]
 * Prints exactly `LOCAL_CLOUD_URL=http://127.0.0.1:<port>` once it answers, then
 * `LOCAL_CLOUD_ADMIN_URL=<url>/admin/<key>`: the SDK endpoint for tools run beside it (TCB_CONTEXT_CNFG={"URL":…});
 * the key is new at every start. SIGINT/SIGTERM stop it cleanly.
 */
import { resolve } from 'path'
import { parseArgs } from 'util'
import { startLocalCloud } from '.'

const USAGE = '用法：npx tsx local-cloud/cli.ts --port <端口> --data <数据目录> [--seed] [--static <H5 构建目录>] [--dev-login] [--functions <目录>] [--manifest <目录>]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      seed: { type: 'boolean', default: false },
      static: { type: 'string' },
      'dev-login': { type: 'boolean', default: false },
      functions: { type: 'string' },
      manifest: { type: 'string' },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!values.data || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE)
    process.exit(2)
  }
  const cloud = await startLocalCloud({
    port,
    dataDir: resolve(values.data),
    seed: values.seed,
    staticDir: values.static ? resolve(values.static) : undefined,
    devLogin: values['dev-login'],
    functionsDir: values.functions ? resolve(values.functions) : undefined,
    manifestDir: values.manifest ? resolve(values.manifest) : undefined,
  })
  console.log(`LOCAL_CLOUD_URL=${cloud.url}`)
  console.log(`LOCAL_CLOUD_ADMIN_URL=${cloud.adminUrl}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.error(`[local-cloud] ${signal}: stopping`)
    cloud.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('[local-cloud] stop failed', err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error('[local-cloud] 启动失败：', err instanceof Error ? err.message : err)
  process.exit(1)
})
