import { execFile } from 'node:child_process'
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { copyDeclarations, REPO } from './support/repoCopy'

/**
 * The dry-run plan against the repository's own declarations. The expected set is read here from
 * database/*.json, database/storage/rules.json and cloudfunctions/*\/config.json with nothing but JSON.parse,
 * independently of the deploy's code: a collection, index, rule, timer, timeout or permission missing
 * from the plan (or one the files do not declare) fails.
 */
const run = promisify(execFile)
jest.setTimeout(120_000)

interface PlannedCall {
  service: string
  method: string
  args: unknown[]
  summary: string
  openapi?: string[]
}

async function dryRun(root = REPO, secrets?: string): Promise<{ calls: PlannedCall[]; notes: string[]; stdout: string }> {
  const args = ['tsx', 'scripts/deploy.ts', '--env', 'cloud1-test0001', '--dry-run', '--json', ...(secrets ? ['--secrets', secrets] : ['--secrets', join(root, 'no-such-secrets.json')])]
  const { stdout } = await run('npx', args, { cwd: REPO, env: { ...process.env, GHT_DEPLOY_ROOT: root } })
  const parsed = JSON.parse(stdout) as { calls: PlannedCall[]; notes: string[] }
  return { ...parsed, stdout }
}

type Json = Record<string, unknown>
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json

/** What the files declare, flattened into comparable strings. */
function declared(root: string) {
  const collections: string[] = []
  const indexes: string[] = []
  const rules: string[] = []
  for (const file of readdirSync(join(root, 'database')).filter((f) => f.endsWith('.json'))) {
    const colls = readJson(join(root, 'database', file)).collections as Record<string, { rules?: unknown; indexes?: Array<{ name: string; keys: Array<[string, number]>; unique?: boolean }> }>
    for (const [name, spec] of Object.entries(colls)) {
      collections.push(name)
      rules.push(`${name} ${JSON.stringify(spec.rules ?? {})}`)
      for (const i of spec.indexes ?? []) indexes.push(`${name}.${i.name} ${i.keys.map(([f, d]) => `${f}:${d}`).join(',')} unique=${i.unique ?? false}`)
    }
  }
  const fns = readdirSync(join(root, 'cloudfunctions')).filter((f) => existsSync(join(root, 'cloudfunctions', f, 'config.json')))
  const functions = fns.map((name) => {
    const c = readJson(join(root, 'cloudfunctions', name, 'config.json')) as { timeout?: number; permissions?: { openapi?: string[] }; triggers?: Array<{ name: string; type: string; config: string }> }
    return { name, timeout: c.timeout, openapi: [...(c.permissions?.openapi ?? [])].sort(), timers: (c.triggers ?? []).map((t) => `${name}.${t.name} ${t.type} ${t.config}`) }
  })
  const storage = readJson(join(root, 'database', 'storage', 'rules.json')).rules as Json
  return { collections, indexes, rules, functions, storage: { read: storage.read, write: storage.write } }
}

/** The same facts, read back from the plan's calls. */
function planned(calls: PlannedCall[]) {
  const of = (method: string) => calls.filter((c) => c.method === method)
  const collections = of('createCollection').map((c) => String(c.args[0]))
  const indexes = of('updateCollection').flatMap((c) => {
    const info = c.args[1] as { CreateIndexes?: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }> }
    return (info.CreateIndexes ?? []).map((i) => `${c.args[0]}.${i.IndexName} ${i.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(',')} unique=${i.MgoKeySchema.MgoIsUnique}`)
  })
  const rules = of('modifyResourcePermission').map((c) => {
    const a = c.args[0] as { resourceType: string; resource: string; permission: string; securityRule: string }
    expect(a.resourceType).toBe('collection')
    expect(a.permission).toBe('CUSTOM')
    return `${a.resource} ${JSON.stringify(JSON.parse(a.securityRule))}`
  })
  const functions = of('createFunction').map((c) => {
    const { func } = c.args[0] as { func: { name: string; timeout?: number; triggers: Array<{ name: string; type: string; config: string }> } }
    return { name: func.name, timeout: func.timeout, openapi: [...(c.openapi ?? [])].sort(), timers: func.triggers.map((t) => `${func.name}.${t.name} ${t.type} ${t.config}`) }
  })
  const storage = of('setStorageAcl').map((c) => ({ acl: c.args[0], rule: c.args[1] }))
  return { collections, indexes, rules, functions, storage }
}

const sorted = (xs: string[]) => [...xs].sort()

describe('npm run deploy -- --dry-run', () => {
  let plan: Awaited<ReturnType<typeof dryRun>>
  beforeAll(async () => {
    plan = await dryRun()
  })

  test('creates every collection of database/*.json, each once, and no other', () => {
    const want = declared(REPO)
    expect(sorted(planned(plan.calls).collections)).toEqual(sorted(want.collections))
  })

  test('creates every declared index with its keys in order, directions and uniqueness, and no other', () => {
    expect(sorted(planned(plan.calls).indexes)).toEqual(sorted(declared(REPO).indexes))
  })

  test('sets every collection\'s security rule exactly as written in its file', () => {
    expect(sorted(planned(plan.calls).rules)).toEqual(sorted(declared(REPO).rules))
  })

  test('sets the storage rule of database/storage/rules.json', () => {
    expect(planned(plan.calls).storage).toEqual([{ acl: 'CUSTOM', rule: declared(REPO).storage }])
  })

  test('uploads every function with its timeout, timers and openapi permissions from config.json', () => {
    const want = declared(REPO).functions
    const got = planned(plan.calls).functions
    expect(got.map((f) => f.name).sort()).toEqual(want.map((f) => f.name).sort())
    for (const fn of want) expect(got.find((g) => g.name === fn.name)).toEqual(fn)
  })

  test('makes no call the declarations do not account for', () => {
    const want = declared(REPO)
    const collectionsWithIndexes = new Set(want.indexes.map((i) => i.split('.')[0]))
    const expectedCount = want.collections.length + collectionsWithIndexes.size + want.rules.length + 1 + want.functions.length
    expect(plan.calls).toHaveLength(expectedCount)
  })

  test('gives the keys only to functions whose code reads them, as placeholders, never values', () => {
    for (const call of plan.calls.filter((c) => c.method === 'createFunction')) {
      const { func } = call.args[0] as { func: { name: string; envVariables: Record<string, string> } }
      const bundle = readFileSync(join(REPO, 'cloudfunctions', func.name, 'index.js'), 'utf8')
      for (const name of ['GHT_FIELD_KEY', 'GHT_HASH_KEY', 'GHT_BOOTSTRAP_TOKEN']) {
        expect(name in func.envVariables).toBe(bundle.includes(name))
        if (name in func.envVariables) expect(func.envVariables[name]).toBe(`<${name} from the secrets file>`)
      }
    }
  })
})

describe('the plan follows the files, not a copy of them', () => {
  let copy: ReturnType<typeof copyDeclarations>
  beforeEach(() => {
    copy = copyDeclarations()
  })
  afterEach(() => copy.remove())

  test('a timer, a timeout, a permission, an index and a rule added to the files appear in the plan', async () => {
    const cfgPath = join(copy.root, 'cloudfunctions', 'union', 'config.json')
    const cfg = readJson(cfgPath)
    writeFileSync(cfgPath, JSON.stringify({ ...cfg, timeout: 20, permissions: { openapi: ['wxacode.getUnlimited'] }, triggers: [{ name: 'nightly', type: 'timer', config: '0 30 3 * * * *' }] }))
    const dbPath = join(copy.root, 'database', 'core.json')
    const db = readJson(dbPath) as { collections: Record<string, { rules: unknown; indexes: unknown[] }> }
    db.collections.users.indexes.push({ name: 'phone', keys: [['phone', 1]], unique: true })
    db.collections.users.rules = { read: 'doc._openid == auth.openid', write: false }
    writeFileSync(dbPath, JSON.stringify(db))

    const { calls } = await dryRun(copy.root)
    const got = planned(calls)
    expect(got.functions.find((f) => f.name === 'union')).toEqual({ name: 'union', timeout: 20, openapi: ['wxacode.getUnlimited'], timers: ['union.nightly timer 0 30 3 * * * *'] })
    expect(got.indexes).toContain('users.phone phone:1 unique=true')
    expect(got.rules).toContain('users {"read":"doc._openid == auth.openid","write":false}')
    expect(sorted(got.indexes)).toEqual(sorted(declared(copy.root).indexes))
  })

  test('with a secrets file the dry run still prints no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-secrets-'))
    try {
      const key = Buffer.alloc(32, 7).toString('base64')
      const hash = Buffer.alloc(32, 9).toString('base64')
      const file = join(dir, 'cloudbase.json')
      writeFileSync(file, JSON.stringify({ fieldKeys: [{ version: 1, key, createdAt: '2026-01-01T00:00:00Z' }], hashKey: hash, tencentcloud: { secretId: 'AKIDsecretid', secretKey: 'very-secret-key' } }), { mode: 0o600 })
      const { stdout } = await dryRun(copy.root, file)
      for (const secret of [key, hash, 'very-secret-key', 'AKIDsecretid']) expect(stdout).not.toContain(secret)
      expect(stdout).toContain('<GHT_FIELD_KEY from the secrets file>')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

test('a bad environment id stops the command with exit 1, in Chinese and in English', async () => {
  const err = await run('npx', ['tsx', 'scripts/deploy.ts', '--env', 'Prod_Env', '--dry-run'], { cwd: REPO }).then(
    () => null,
    (e: { code?: number; stderr?: string }) => e,
  )
  expect(err?.code).toBe(1)
  expect(err?.stderr).toContain('错误：「Prod_Env」不是有效的云开发环境 ID')
  expect(err?.stderr).toContain('Error: "Prod_Env" is not a valid CloudBase environment id')
})
