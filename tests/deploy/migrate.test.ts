import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { z } from 'zod'
import { roleIdFor } from '../../server/privacy/opaqueIds'
import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from '../functions/adminDb'
import { REPO } from './support/repoCopy'

/**
 * npm run migrate on a local cloud whose data predates opaque role ids: every `r-<openid>-<union>-<role>`
 * role document is renamed to its roleIdFor id, with the membership stints that point at it; what it
 * held (an approver flag) comes along; a second run finds nothing left to do.
 */
const run = promisify(execFile)
jest.setTimeout(120_000)

async function migrateCli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/migrate.ts', ...args], { cwd: REPO })
    return { code: 0, out: stdout + stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

const PATH = ['u-root', 'u-unit']
const at = new Date('2024-01-01T00:00:00Z')
const oldRole = (openid: string, role: string, extra: Record<string, unknown> = {}) => ({ _id: `r-${openid}-u-unit-${role}`, openid, unionId: 'u-unit', role, unionPath: PATH, grantedAt: at, grantedBy: 'seed', ...extra })
const stint = (openid: string, roleId: string) => ({
  _id: `ms-${openid}`,
  openid,
  unionId: 'u-unit',
  unionPath: PATH,
  unionName: '某单位工会',
  roleId,
  status: 'active',
  memberNo: `M-${openid}`,
  joinedAt: at,
  from: at,
  to: null,
  createdAt: at,
  updatedAt: at,
})
const newId = (openid: string, role: string) => withLocalPrivacyKeys(() => roleIdFor(openid, 'u-unit', role))
const Ids = z.array(z.object({ _id: z.string() }))

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.db.seed({
    roles: [
      oldRole('old-member', 'member'),
      oldRole('old-vice', 'vice_chair', { approver: true, approverSetBy: 'old-chair', approverSetAt: at }),
      oldRole('old-chair', 'chair'),
      // made after the change: left as it is
      { ...oldRole('new-member', 'member'), _id: newId('new-member', 'member') },
    ],
    memberships: [stint('old-member', 'r-old-member-u-unit-member'), stint('new-member', newId('new-member', 'member'))],
  })
})
afterAll(() => cloud.cleanup())

test('renames every old role id and the stints that point at it, keeping what the role held; a second run changes nothing', async () => {
  const first = await migrateCli(['--local', cloud.adminUrl])
  expect(first.out).toContain('改了 3 个')
  expect(first.code).toBe(0)
  const ids = Ids.parse(await adminDb().find('roles')).map((r) => r._id).sort()
  expect(ids).toEqual([newId('old-member', 'member'), newId('old-vice', 'vice_chair'), newId('old-chair', 'chair'), newId('new-member', 'member')].sort())
  expect(ids.every((id) => /^r-[0-9a-f]{24}$/.test(id))).toBe(true)
  const [vice] = await adminDb().find('roles', { _id: newId('old-vice', 'vice_chair') })
  expect(vice).toMatchObject({ openid: 'old-vice', unionId: 'u-unit', role: 'vice_chair', approver: true, approverSetBy: 'old-chair', grantedBy: 'seed' })
  const [moved] = await adminDb().find('memberships', { _id: 'ms-old-member' })
  expect(moved.roleId).toBe(newId('old-member', 'member'))

  const second = await migrateCli(['--local', cloud.adminUrl])
  expect(second.code).toBe(0)
  expect(second.out).toContain('改了 0 个')
  expect(await adminDb().count('roles')).toBe(4)
})

test('a phone cannot call it', async () => {
  const answer = await cloud.callAs('a-phone', 'union', 'migrateRoleIds', { bootstrapToken: 'guess' })
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})
