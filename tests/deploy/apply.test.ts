import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy, type DeployOptions } from '../../scripts/deploy'
import { DeployError } from '../../scripts/deploy/errors'
import { runKeys } from '../../scripts/keys'
import { memoryCloudBase, TencentError, type MemoryEnv } from './support/memoryCloudBase'
import { copyDeclarations } from './support/repoCopy'

/**
 * A real deploy (not a dry run) against an in-memory CloudBase environment with manager-node's API:
 * first run creates everything, a second changes nothing, a changed file changes only its part, and
 * bad input stops before the first write.
 */
jest.setTimeout(60_000)

let copy: ReturnType<typeof copyDeclarations>
let secretsDir: string
let secretsFile: string

beforeEach(() => {
  copy = copyDeclarations()
  secretsDir = mkdtempSync(join(tmpdir(), 'deploy-apply-'))
  secretsFile = join(secretsDir, 'cloudbase.json')
})
afterEach(() => {
  copy.remove()
  rmSync(secretsDir, { recursive: true, force: true })
})

function withCredentials(): void {
  runKeys(secretsFile, { rotate: false, log: () => {} })
  const s = JSON.parse(readFileSync(secretsFile, 'utf8'))
  writeFileSync(secretsFile, JSON.stringify({ ...s, tencentcloud: { secretId: 'AKIDtest', secretKey: 'test-key' } }), { mode: 0o600 })
}

async function deployTo(env: MemoryEnv, extra: Partial<DeployOptions> = {}): Promise<string[]> {
  const lines: string[] = []
  let connected = 0
  await deploy({
    envId: 'cloud1-memory01',
    dryRun: false,
    json: false,
    secretsFile,
    root: copy.root,
    connect: () => {
      connected++
      return env.app
    },
    log: (l) => lines.push(l),
    ...extra,
  })
  expect(connected).toBe(1)
  return lines
}

test('the first deploy creates everything; the second changes nothing and says so', async () => {
  withCredentials()
  const env = memoryCloudBase()
  await deployTo(env)
  expect(env.collections.get('unions')?.has('inviteCode')).toBe(true)
  const core = JSON.parse(readFileSync(join(copy.root, 'database', 'core.json'), 'utf8'))
  expect(JSON.parse(env.rules.get('unions')?.SecurityRule ?? '')).toEqual(core.collections.unions.rules)
  expect(env.storage.acl).toBe('CUSTOM')
  const aid = env.functions.get('aid')
  expect(aid?.triggers.map((t) => t.name)).toEqual(['aidDaily'])
  // the functions hold the real keys, in crypto.ts's format
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'))
  expect(aid?.env.GHT_FIELD_KEY).toBe(`v1:${secrets.fieldKeys[0].key}`)
  expect(aid?.env.GHT_HASH_KEY).toBe(secrets.hashKey)

  const writesAfterFirst = env.writes.length
  const second = await deployTo(env)
  expect(env.writes.length).toBe(writesAfterFirst)
  expect(second.join('\n')).toContain('nothing changed')
})

test('a changed timer, timeout and rotated key change only those, and say what changed without the key', async () => {
  withCredentials()
  const env = memoryCloudBase()
  await deployTo(env)
  const before = env.writes.length

  const cfgPath = join(copy.root, 'cloudfunctions', 'notify', 'config.json')
  const cfg = JSON.parse(readFileSync(cfgPath, 'utf8'))
  cfg.triggers[0].config = '0 */10 * * * * *'
  cfg.timeout = 15
  writeFileSync(cfgPath, JSON.stringify(cfg))
  runKeys(secretsFile, { rotate: true, log: () => {} })

  const lines = await deployTo(env)
  const writes = env.writes.slice(before)
  // notify: new config.json → new package; the key rotation touches every function that holds the key
  expect(writes).toContain('updateFunctionCode notify')
  expect(writes).toContain('deleteFunctionTrigger notify retryDeliveries')
  expect(writes).toContain('createFunctionTriggers notify')
  expect(writes.filter((w) => w.startsWith('createCollection') || w.startsWith('updateCollection') || w.startsWith('modifyResourcePermission'))).toEqual([])
  expect(env.functions.get('notify')?.Timeout).toBe(15)
  expect(env.functions.get('notify')?.triggers).toEqual([{ name: 'retryDeliveries', type: 'timer', config: '0 */10 * * * * *' }])
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'))
  expect(env.functions.get('aid')?.env.GHT_FIELD_KEY).toBe(`v2:${secrets.fieldKeys[0].key},v1:${secrets.fieldKeys[1].key}`)
  const printed = lines.join('\n')
  expect(printed).toContain('env GHT_FIELD_KEY')
  expect(printed).not.toContain(secrets.fieldKeys[0].key)
  expect(printed).not.toContain(secrets.hashKey)
})

test('an index whose definition changed is dropped and created again; an undeclared one is left alone and named', async () => {
  withCredentials()
  const env = memoryCloudBase()
  await deployTo(env)
  env.collections.get('roles')?.set('old_extra', { Name: 'old_extra', Keys: [{ Name: 'x', Direction: '1' }], Unique: false })
  const dbPath = join(copy.root, 'database', 'core.json')
  const db = JSON.parse(readFileSync(dbPath, 'utf8'))
  db.collections.unions.indexes = db.collections.unions.indexes.map((i: { name: string; unique: boolean }) => (i.name === 'path' ? { ...i, unique: true } : i))
  writeFileSync(dbPath, JSON.stringify(db))
  const before = env.writes.length
  const lines = await deployTo(env)
  expect(env.writes.slice(before)).toEqual(['updateCollection unions', 'updateCollection unions'])
  expect(env.collections.get('unions')?.get('path')?.Unique).toBe(true)
  expect(env.collections.get('roles')?.has('old_extra')).toBe(true)
  expect(lines.join('\n')).toContain('old_extra')
})

describe('bad input stops before anything is changed, in Chinese and English', () => {
  async function refused(env: MemoryEnv, extra: Partial<DeployOptions> = {}): Promise<DeployError> {
    const lines: string[] = []
    const err = await deploy({ envId: 'cloud1-memory01', dryRun: false, json: false, secretsFile, root: copy.root, connect: () => env.app, log: (l) => lines.push(l), ...extra }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(DeployError)
    expect(env.writes).toEqual([])
    return err as DeployError
  }

  test('an environment id that does not exist', async () => {
    withCredentials()
    const err = await refused(memoryCloudBase({ failEnv: new TencentError('ResourceNotFound.EnvId', 'env not found') }))
    expect(err.zh).toContain('找不到云开发环境 cloud1-memory01')
    expect(err.en).toContain('environment cloud1-memory01 was not found')
    expect(err.fix.zh).toContain('--env')
  })

  test('an environment id that is not one at all', async () => {
    withCredentials()
    const err = await refused(memoryCloudBase(), { envId: 'My Env' })
    expect(err.zh).toContain('不是有效的云开发环境 ID')
    expect(err.en).toContain('not a valid CloudBase environment id')
  })

  test('an API key the cloud rejects', async () => {
    withCredentials()
    const err = await refused(memoryCloudBase({ failEnv: new TencentError('AuthFailure.SecretIdNotFound', 'The SecretId is not found') }))
    expect(err.zh).toContain('API 密钥无效')
    expect(err.fix.en).toContain('tencentcloud')
  })

  test('missing credentials', async () => {
    runKeys(secretsFile, { rotate: false, log: () => {} })
    const saved = [process.env.TENCENTCLOUD_SECRETID, process.env.TENCENTCLOUD_SECRETKEY]
    delete process.env.TENCENTCLOUD_SECRETID
    delete process.env.TENCENTCLOUD_SECRETKEY
    try {
      const env = memoryCloudBase()
      let connected = false
      const err = await refused(env, {
        connect: () => {
          connected = true
          return env.app
        },
      })
      expect(connected).toBe(false)
      expect(err.zh).toContain('缺少腾讯云 API 密钥')
      expect(err.en).toContain('credentials are missing')
    } finally {
      if (saved[0] !== undefined) process.env.TENCENTCLOUD_SECRETID = saved[0]
      if (saved[1] !== undefined) process.env.TENCENTCLOUD_SECRETKEY = saved[1]
    }
  })

  test('no keys made yet', async () => {
    const err = await refused(memoryCloudBase())
    expect(err.fix.zh).toContain('npm run keys')
  })

  test('a malformed secrets file, without echoing what it holds', async () => {
    writeFileSync(secretsFile, '{ "hashKey": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", ', { mode: 0o600 })
    const err = await refused(memoryCloudBase())
    expect(err.zh).toContain('不是合法的 JSON')
    expect(err.en).toContain('not valid JSON')
    expect(err.describe()).not.toContain('c2VjcmV0')
  })

  test('a secrets file with a key of the wrong size names the field', async () => {
    writeFileSync(secretsFile, JSON.stringify({ hashKey: Buffer.alloc(16).toString('base64') }), { mode: 0o600 })
    const err = await refused(memoryCloudBase())
    expect(err.zh).toContain('hashKey')
    expect(err.en).toContain('hashKey')
  })

  test('a rule file that does not parse', async () => {
    withCredentials()
    writeFileSync(join(copy.root, 'database', 'events.json'), '{ "collections": { "events": { "rules": { "read": false, } } } }')
    const err = await refused(memoryCloudBase())
    expect(err.zh).toContain('database/events.json')
    expect(err.en).toContain('database/events.json')
    expect(err.en).toContain('does not parse')
  })

  test('a function whose bundle is missing', async () => {
    withCredentials()
    rmSync(join(copy.root, 'cloudfunctions', 'review', 'index.js'))
    const err = await refused(memoryCloudBase())
    expect(err.zh).toContain('云函数 review 缺少 index.js')
    expect(err.fix.en).toContain('npm run build:functions')
  })

  test('a config.json with a key the deploy does not know', async () => {
    withCredentials()
    writeFileSync(join(copy.root, 'cloudfunctions', 'aid', 'config.json'), JSON.stringify({ timeout: 10, timeot: 20 }))
    const err = await refused(memoryCloudBase())
    expect(err.zh).toContain('cloudfunctions/aid/config.json')
  })
})

test('a variable set by hand in the console is kept when the deploy updates the function', async () => {
  withCredentials()
  const env = memoryCloudBase()
  await deployTo(env)
  const aid = env.functions.get('aid')
  if (!aid) throw new Error('aid was not created')
  aid.env = { ...aid.env, REVIEW_SLA_CONFIG: '{"membership.join":3}' }
  runKeys(secretsFile, { rotate: true, log: () => {} })
  const lines = await deployTo(env)
  expect(env.functions.get('aid')?.env.REVIEW_SLA_CONFIG).toBe('{"membership.join":3}')
  expect(env.functions.get('aid')?.env.GHT_FIELD_KEY).toMatch(/^v2:/)
  expect(lines.join('\n')).toContain('REVIEW_SLA_CONFIG')
  expect(lines.join('\n')).not.toContain('membership.join')
})
