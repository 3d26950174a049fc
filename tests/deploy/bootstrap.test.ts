import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { REPO } from './support/repoCopy'

/**
 * npm run bootstrap on the local cloud: the command runs in its own process and reaches the compiled
 * union function through the SDK endpoint, as the management API reaches it in production.
 */
const run = promisify(execFile)
jest.setTimeout(120_000)

async function bootstrapCli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/bootstrap.ts', ...args], { cwd: REPO })
    return { code: 0, out: stdout + stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

/** The top of the union tree, as the union function shows it. */
async function roots(cloud: TestCloud): Promise<Array<{ _id?: string; name: string; region: string; level: string }>> {
  const tree = await cloud.callAs('someone', 'union', 'getTree', {})
  if (!tree.ok) throw new Error(JSON.stringify(tree))
  return (tree.data as { children: Array<{ _id: string; name: string; region: string; level: string }> }).children.map(({ _id, name, region, level }) => ({ _id, name, region, level }))
}

const tokenIn = (out: string): string => {
  const link = /链接 link: (\S+)/.exec(out)?.[1] ?? ''
  return new URL(link).searchParams.get('t') ?? ''
}

describe('on an empty local cloud', () => {
  let cloud: TestCloud
  let first: { code: number; out: string }
  beforeAll(async () => {
    cloud = await startTestCloud()
    first = await bootstrapCli(['--name', '海淀区总工会', '--area', '北京市海淀区', '--local', cloud.adminUrl])
  })
  afterAll(() => cloud.cleanup())

  test('makes the root federation and shows its first administrator\'s invitation as a QR code and a link', async () => {
    expect(first.code).toBe(0)
    expect(first.out).toContain('已建立 海淀区总工会（北京市海淀区）')
    expect(first.out).toMatch(/[█▀▄]{10,}/)
    expect(first.out).toContain(`链接 link: ${cloud.url}/packages/admin/accept/index?t=`)
    expect((await roots(cloud)).map(({ name, region, level }) => ({ name, region, level }))).toEqual([{ name: '海淀区总工会', region: '北京市海淀区', level: 'federation' }])
  })

  test('a second run refuses and says why, in Chinese and English, and makes no second root', async () => {
    const second = await bootstrapCli(['--name', '另一个总工会', '--area', '北京市', '--local', cloud.adminUrl])
    expect(second.code).toBe(1)
    expect(second.out).toContain('已经有总工会「海淀区总工会」')
    expect(second.out).toContain('A root federation already exists')
    expect((await roots(cloud)).map((r) => r.name)).toEqual(['海淀区总工会'])
  })

  test('whoever accepts the invitation becomes staff of the root, and the link works once', async () => {
    const token = tokenIn(first.out)
    const accepted = await cloud.callAs('first-admin', 'union', 'acceptInvitation', { token })
    expect(accepted).toMatchObject({ ok: true, data: { unionName: '海淀区总工会', role: 'staff' } })
    // as staff of the root, they may now appoint: invite a colleague at the root
    const rootId = (await roots(cloud))[0]?._id
    const invited = await cloud.callAs('first-admin', 'union', 'createInvitation', { unionId: rootId, role: 'staff' })
    expect(invited).toEqual({ ok: true, data: expect.anything() })
    const again = await cloud.callAs('someone-else', 'union', 'acceptInvitation', { token })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  test('a phone cannot call it, even with the right token', async () => {
    const answer = await cloud.callAs('a-phone', 'union', 'bootstrapRoot', { name: '假总工会', region: '某地', bootstrapToken: LOCAL_PRIVACY_ENV.GHT_BOOTSTRAP_TOKEN })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('--reinvite: the first invitation was never accepted', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startTestCloud()
  })
  afterAll(() => cloud.cleanup())

  test('with no root yet it refuses and says to bootstrap first', async () => {
    const res = await bootstrapCli(['--reinvite', '--local', cloud.adminUrl])
    expect(res.code).toBe(1)
    expect(res.out).toContain('还没有总工会')
  })

  test('a new invitation replaces the unaccepted one; once someone accepted, it is refused', async () => {
    const first = await bootstrapCli(['--name', '丰台区总工会', '--area', '北京市丰台区', '--local', cloud.adminUrl, '--days', '1'])
    expect(first.code).toBe(0)
    const again = await bootstrapCli(['--reinvite', '--local', cloud.adminUrl, '--days', '3'])
    expect(again.code).toBe(0)
    expect(again.out).toContain('已为 丰台区总工会（北京市丰台区）重新发出第一位管理员的邀请')
    expect(again.out).toMatch(/[█▀▄]{10,}/)
    // the old link no longer works, the new one makes its holder the root's staff
    expect(await cloud.callAs('late-admin', 'union', 'acceptInvitation', { token: tokenIn(first.out) })).toMatchObject({ ok: false })
    expect(await cloud.callAs('new-admin', 'union', 'acceptInvitation', { token: tokenIn(again.out) })).toMatchObject({ ok: true, data: { unionName: '丰台区总工会', role: 'staff' } })
    expect((await roots(cloud)).map((r) => r.name)).toEqual(['丰台区总工会'])
    const refused = await bootstrapCli(['--reinvite', '--local', cloud.adminUrl])
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('「丰台区总工会」已经有工作人员')
    expect(refused.out).toContain('already has an administrator')
  })
})

describe('refusals', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await startTestCloud()
  })
  afterAll(() => cloud.cleanup())

  test('a wrong bootstrap token is refused even without a WeChat user, and nothing is made', async () => {
    const answer = await cloud.invoke('union', { action: 'bootstrapRoot', input: { name: '假总工会', region: '某地', bootstrapToken: 'guess' } }, { openid: '' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const made = await bootstrapCli(['--name', '西城区总工会', '--area', '北京市西城区', '--local', cloud.adminUrl])
    expect(made.code).toBe(0)
  })

  test('the bare local cloud address is refused with what to pass instead', async () => {
    const res = await bootstrapCli(['--name', '东城区总工会', '--area', '北京市东城区', '--local', cloud.url])
    expect(res.code).toBe(1)
    expect(res.out).toContain('LOCAL_CLOUD_ADMIN_URL')
  })

  test('a name that is too short is named by its option before anything is called', async () => {
    const res = await bootstrapCli(['--name', '工', '--area', '北京市东城区', '--local', cloud.adminUrl])
    expect(res.code).toBe(1)
    expect(res.out).toContain('--name 不正确：总工会名称至少2个字')
  })
})

test('a seeded cloud already has its root: the command refuses', async () => {
  const cloud = await startTestCloud({ seed: true })
  try {
    const res = await bootstrapCli(['--name', '新总工会', '--area', '北京市', '--local', cloud.adminUrl])
    expect(res.code).toBe(1)
    expect(res.out).toContain('已经有总工会「朝阳区总工会」')
  } finally {
    await cloud.cleanup()
  }
})

describe('in production (--env), before any call', () => {
  test('refuses while project.config.json has no AppID, since the link could not open the mini-program', async () => {
    const res = await bootstrapCli(['--name', '海淀区总工会', '--area', '北京市海淀区', '--env', 'cloud1-test0001'])
    expect(res.code).toBe(1)
    expect(res.out).toContain('AppID')
    expect(res.out).toContain('project.config.json')
  })

  test('refuses an environment id that is not one', async () => {
    const res = await bootstrapCli(['--name', '海淀区总工会', '--area', '北京市海淀区', '--env', 'Prod Env'])
    expect(res.code).toBe(1)
    expect(res.out).toContain('不是有效的云开发环境 ID')
  })
})
