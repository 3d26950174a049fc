import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runKeys } from '../../scripts/keys'
import { functionEnvOf, SecretsFile } from '../../scripts/deploy/secrets'
import { decryptField, encryptField, keyedHash } from '../../server/privacy/crypto'
import { REPO } from './support/repoCopy'

/** npm run keys: keys in the secrets file, in the format server/privacy/crypto.ts reads, rotated without losing old data. */
let dir: string
let file: string
const lines: string[] = []
const log = (l: string) => lines.push(l)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-keys-'))
  file = join(dir, '.secrets', 'cloudbase.json')
  lines.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const read = () => SecretsFile.parse(JSON.parse(readFileSync(file, 'utf8')))

/** Points the real crypto at the environment the deploy would give a function. */
function useFunctionEnv(): void {
  const env = functionEnvOf(read())
  process.env.GHT_FIELD_KEY = env.GHT_FIELD_KEY
  process.env.GHT_HASH_KEY = env.GHT_HASH_KEY
}

test('makes a field key, a hash key and a bootstrap token into a file only its owner can read', () => {
  runKeys(file, { rotate: false, log })
  expect(statSync(file).mode & 0o777).toBe(0o600)
  expect(statSync(join(dir, '.secrets')).mode & 0o777).toBe(0o700)
  const s = read()
  expect(s.fieldKeys?.map((k) => k.version)).toEqual([1])
  expect(Buffer.from(s.fieldKeys?.[0]?.key ?? '', 'base64')).toHaveLength(32)
  expect(Buffer.from(s.hashKey ?? '', 'base64')).toHaveLength(32)
  expect(s.bootstrapToken).toMatch(/^[0-9a-f]{64}$/)
  const printed = lines.join('\n')
  for (const secret of [s.fieldKeys?.[0]?.key, s.hashKey, s.bootstrapToken]) expect(printed).not.toContain(secret)
})

test('the keys it makes seal and open with the functions\' own crypto', () => {
  runKeys(file, { rotate: false, log })
  useFunctionEnv()
  const sealed = encryptField('110105194912310021')
  expect(sealed.v).toBe(1)
  expect(decryptField(sealed)).toBe('110105194912310021')
  expect(keyedHash('110105194912310021')).toMatch(/^[0-9a-f]{64}$/)
})

test('rotation seals with the new key, still opens what the old keys sealed, and keeps the hash key', () => {
  runKeys(file, { rotate: false, log })
  useFunctionEnv()
  const before = read()
  const oldSealed = encryptField('旧数据')
  const oldHash = keyedHash('110105194912310021')

  runKeys(file, { rotate: true, log })
  runKeys(file, { rotate: true, log })
  const after = read()
  expect(after.fieldKeys?.map((k) => k.version)).toEqual([3, 2, 1])
  expect(after.fieldKeys?.[2]?.key).toBe(before.fieldKeys?.[0]?.key)
  expect(after.hashKey).toBe(before.hashKey)
  expect(after.bootstrapToken).toBe(before.bootstrapToken)

  useFunctionEnv()
  const newSealed = encryptField('新数据')
  expect(newSealed.v).toBe(3)
  expect(decryptField(oldSealed)).toBe('旧数据')
  expect(decryptField(newSealed)).toBe('新数据')
  expect(keyedHash('110105194912310021')).toBe(oldHash)
  expect(statSync(file).mode & 0o777).toBe(0o600)
  for (const k of after.fieldKeys ?? []) expect(lines.join('\n')).not.toContain(k.key)
})

test('running it again without --rotate changes nothing', () => {
  runKeys(file, { rotate: false, log })
  const first = readFileSync(file, 'utf8')
  const again = runKeys(file, { rotate: false, log })
  expect(again.changed).toBe(false)
  expect(readFileSync(file, 'utf8')).toBe(first)
})

test('keeps what else the file holds (the API key) when adding keys', () => {
  runKeys(file, { rotate: false, log })
  const withApi = { ...read(), tencentcloud: { secretId: 'AKIDx', secretKey: 'y' } }
  writeFileSync(file, JSON.stringify(withApi))
  runKeys(file, { rotate: true, log })
  expect(read().tencentcloud).toEqual({ secretId: 'AKIDx', secretKey: 'y' })
})

test('git ignores the secrets folder', () => {
  const out = execFileSync('git', ['check-ignore', '-v', '.secrets/cloudbase.json'], { cwd: REPO, encoding: 'utf8' })
  expect(out).toContain('.secrets/')
  expect(existsSync(join(REPO, '.gitignore'))).toBe(true)
})
