import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'

/**
 * The security rules deployed with each collection (database/*.json). CloudBase rules decide whole
 * documents, never single fields, and every read of this project goes through a cloud function that
 * checks roles; so a rule that lets a mini-program user read a collection hands out every field of it
 * (issue 9: unions.inviteCode, which union.getUnion shows only to the union's reviewers).
 */
const DIR = join(__dirname, '../../database')
const Manifest = z.object({ collections: z.record(z.string(), z.object({ rules: z.object({ read: z.unknown(), write: z.unknown() }) })) })

const collections = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) => Object.entries(Manifest.parse(JSON.parse(readFileSync(join(DIR, file), 'utf8'))).collections).map(([name, c]) => ({ file, name, rules: c.rules })))

describe('database security rules', () => {
  it('finds the unions collection and its inviteCode index in the manifests', () => {
    const core = JSON.parse(readFileSync(join(DIR, 'core.json'), 'utf8'))
    expect(JSON.stringify(core.collections.unions.indexes)).toContain('inviteCode')
  })

  it('does not let a client read unions, whose documents carry the invite code', () => {
    expect(collections.find((c) => c.name === 'unions')?.rules.read).toBe(false)
  })

  it('lets no client read or write any collection directly: every access goes through a function', () => {
    // An expression rule (a string such as "doc._openid == auth.openid") would also open documents to clients.
    const open = collections.filter((c) => c.rules.read !== false || c.rules.write !== false).map((c) => `${c.file}:${c.name}`)
    expect(open).toEqual([])
  })
})
