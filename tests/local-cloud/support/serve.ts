/**
 * A local cloud in its own process, for the kill -9 test:
 *   node --import tsx tests/local-cloud/support/serve.ts <dataDir>
 * prints LOCAL_CLOUD_ADMIN_URL=http://127.0.0.1:<port>/admin/<key> when ready.
 */
import { mkdirSync } from 'fs'
import { join } from 'path'
import { startLocalCloud } from '../../../local-cloud'
import { TEST_MANIFEST } from './cloud'

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: serve.ts <dataDir>')
  const functionsDir = join(dataDir, 'no-functions')
  mkdirSync(functionsDir, { recursive: true })
  const local = await startLocalCloud({ dataDir, port: 0, manifestDir: TEST_MANIFEST, functionsDir })
  process.stdout.write(`LOCAL_CLOUD_ADMIN_URL=${local.adminUrl}\n`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
