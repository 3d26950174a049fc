import { z } from 'zod'
import { DEFAULT_NICKNAME, accountActions } from '../../shared/account'
import { roleLabel } from '../../shared/domain/union'
import { seed } from '../../local-cloud/seed/core'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'
import { dataOf, errorOf } from '../helpers/envelopes'

let cloud: TestCloud
// Only the foundation's own demo data, so other domains' seeds cannot change what these tests see.
beforeAll(async () => {
  cloud = await startTestCloud()
  await cloud.db.seed(seed)
})
afterAll(() => cloud.cleanup())

const whoami = (openid: string) => cloud.callAction(openid, accountActions.whoami, {})
const updateNickname = (openid: string, nickName: string) => cloud.callAction(openid, accountActions.updateNickname, { nickName })
const StoredUser = z.object({ _id: z.string(), openid: z.string(), nickName: z.string(), createdAt: z.date(), updatedAt: z.date() })
const storedUser = async (openid: string) => {
  const docs = await adminDb().find('users', { _id: openid })
  return docs.length ? StoredUser.parse(docs[0]) : null
}

describe('account.whoami', () => {
  it('creates the account from the WeChat identity on the first open, and only then', async () => {
    expect(await storedUser('wx-first-open')).toBeNull()
    const first = dataOf(await whoami('wx-first-open'))
    expect(first).toEqual({ nickName: DEFAULT_NICKNAME, isNew: true, grants: [], ownerKey: expect.any(String) })
    const stored = await storedUser('wx-first-open')
    expect(stored).toMatchObject({ _id: 'wx-first-open', openid: 'wx-first-open', nickName: DEFAULT_NICKNAME })
    expect(stored?.createdAt.getTime()).toBe(stored?.updatedAt.getTime())

    expect(dataOf(await whoami('wx-first-open')).isNew).toBe(false)
    expect(await adminDb().count('users', { openid: 'wx-first-open' })).toBe(1)
  })

  it('gives an owner key for the phone’s drafts: the same for a person every time, another for someone else, never the openid', async () => {
    const key = dataOf(await whoami('wx-owner-a')).ownerKey
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(key).not.toContain('wx-owner-a')
    expect(dataOf(await whoami('wx-owner-a')).ownerKey).toBe(key)
    expect(dataOf(await whoami('wx-owner-b')).ownerKey).not.toBe(key)
  })

  it('creates one account when the first opens race each other', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => whoami('wx-double-tap')))
    expect(answers.map((a) => dataOf(a).isNew).filter(Boolean)).toHaveLength(1)
    expect(await adminDb().count('users', { _id: 'wx-double-tap' })).toBe(1)
  })

  it("shows each persona's roles with the union's name and the Chinese role name", async () => {
    const unionName = (id: string) => seed.unions.find((u) => u._id === id)?.name
    for (const persona of seed.users) {
      const me = dataOf(await whoami(persona.openid))
      expect(me.nickName).toBe(persona.nickName)
      expect(me.isNew).toBe(false)
      const expected = seed.roles
        .filter((r) => r.openid === persona.openid)
        .map((r) => ({ unionId: r.unionId, unionName: unionName(r.unionId), role: r.role, roleLabel: roleLabel[r.role] }))
      expect([...me.grants].sort((a, b) => a.role.localeCompare(b.role))).toEqual(expected.sort((a, b) => a.role.localeCompare(b.role)))
    }
    const chair = dataOf(await whoami('demo-chair'))
    expect(chair.grants).toContainEqual({ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'chair', roleLabel: '工会主席' })
    expect(dataOf(await whoami('demo-migrant')).grants).toEqual([])
  })

  it('names a role whose union no longer exists instead of failing', async () => {
    const { db } = adminDb()
    await db.collection('roles').add({ data: { openid: 'wx-orphan', unionId: 'u-merged-away', role: 'member', unionPath: ['u-district', 'u-merged-away'], grantedAt: new Date(), grantedBy: 'test' } })
    expect(dataOf(await whoami('wx-orphan')).grants).toEqual([{ unionId: 'u-merged-away', unionName: '已撤销的工会', role: 'member', roleLabel: '会员' }])
  })
})

describe('account.updateNickname', () => {
  it('stores the trimmed nickname and shows it from then on', async () => {
    await whoami('wx-renamer')
    const before = await storedUser('wx-renamer')
    expect(dataOf(await updateNickname('wx-renamer', '  小刘师傅 '))).toEqual({ nickName: '小刘师傅' })
    const after = await storedUser('wx-renamer')
    expect(after?.nickName).toBe('小刘师傅')
    expect(after?.createdAt).toEqual(before?.createdAt)
    expect(after?.updatedAt.getTime()).toBeGreaterThanOrEqual(before?.updatedAt.getTime() ?? Infinity)
    expect(dataOf(await whoami('wx-renamer')).nickName).toBe('小刘师傅')
  })

  it('creates the account if the first thing a person does is pick a nickname', async () => {
    expect(dataOf(await updateNickname('wx-straight-to-name', '阿强'))).toEqual({ nickName: '阿强' })
    expect((await storedUser('wx-straight-to-name'))?.nickName).toBe('阿强')
  })

  it('refuses an empty, overlong or multi-line nickname with a reason, and keeps the old one', async () => {
    const cases: Array<[string, string]> = [
      ['   ', '请填写昵称'],
      ['工'.repeat(21), '昵称最多20个字'],
      ['王\n芳', '昵称不能包含换行等特殊字符'],
    ]
    for (const [nickName, reason] of cases) {
      const error = errorOf(await cloud.callAs('demo-worker', 'account', 'updateNickname', { nickName }))
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.fields).toEqual({ nickName: reason })
    }
    expect((await storedUser('demo-worker'))?.nickName).toBe('王芳')
  })

  it("changes only the caller's own account", async () => {
    await updateNickname('demo-migrant', '李师傅')
    expect((await storedUser('demo-migrant'))?.nickName).toBe('李师傅')
    expect((await storedUser('demo-chair'))?.nickName).toBe('张建国')
  })
})
