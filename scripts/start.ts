/**
 * `npm start`: builds the cloud functions and the H5 app, starts the local cloud with demo data
 * in .data/ and serves the app with dev sign-in. Pass `--no-build` to reuse existing builds.
 */
import { existsSync } from 'fs'
import { join } from 'path'
import { run } from './run'
import { startLocalCloud } from '../local-cloud'
import { prepareDemo } from '../local-cloud/demo'
import { LOCAL_NOTIFY_ENV } from '../server/notify/devEnv'

async function main(): Promise<void> {
  const root = join(__dirname, '..')
  if (!process.argv.includes('--no-build') || !existsSync(join(root, 'dist/h5/index.html'))) {
    run('npx', ['tsx', 'scripts/build-functions.ts'])
    run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
  }
  // placeholder template ids, so the demo's subscribe messages show up at /dev/outbox
  for (const [k, v] of Object.entries(LOCAL_NOTIFY_ENV)) process.env[k] ??= v
  const cloud = await startLocalCloud({
    port: Number(process.env.PORT ?? 8787),
    dataDir: join(root, '.data/local'),
    staticDir: join(root, 'dist/h5'),
    seed: true,
    devLogin: true,
  })
  const made = await prepareDemo(cloud)
  if (made) console.log(made)
  console.log(`\n工会通 is running: ${cloud.url}/  (选择演示身份: ${cloud.url}/dev/login, 订阅消息: ${cloud.url}/dev/outbox)`)
  const stop = () => void cloud.stop().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
