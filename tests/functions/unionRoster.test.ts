import { unionActions, type RosterRow } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

// each test makes several calls through the compiled function; a loaded 2-core machine needs more than 5 s
jest.setTimeout(60_000)

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
}, 60_000)
afterAll(() => cloud.cleanup())

type Query = { unionId: string; subtree?: boolean; status?: 'active' | 'retained' | 'transferred' | 'left'; keyword?: string; joinedFrom?: Date; joinedTo?: Date; migrant?: boolean }

/** Every row of a roster, one page of `limit` at a time, following the cursor. */
async function walk(openid: string, query: Query, limit: number): Promise<RosterRow[]> {
  const rows: RosterRow[] = []
  let after: { from: Date; memberNo: string } | undefined
  for (let page = 0; page < 50; page++) {
    const result = dataOf(await cloud.callAction(openid, unionActions.roster, { ...query, after, limit }))
    expect(result.rows.length).toBeLessThanOrEqual(limit)
    rows.push(...result.rows)
    if (!result.next) return rows
    after = result.next
  }
  throw new Error('paging never ended')
}

describe('会员名册', () => {
  it('shows the chair her union\'s members, every stint once, newest first, phones masked', async () => {
    const all = await walk('demo-chair', { unionId: 'u-build' }, 50)
    const direct = await adminDb().find('memberships', { unionId: 'u-build' })
    expect(all.map((r) => `${r.memberNo}@${r.from.toISOString()}`).sort()).toEqual(direct.map((d) => `${String(d.memberNo)}@${(d.from as Date).toISOString()}`).sort())
    expect(await walk('demo-chair', { unionId: 'u-build' }, 1)).toEqual(all)
    const times = all.map((r) => r.from.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const liu = all.find((r) => r.name === '刘洋')
    expect(liu).toMatchObject({ phoneMasked: '139****0005', status: 'active', statusLabel: '在册' })
    expect(JSON.stringify(all)).not.toMatch(/13900000005|seed-|demo-/)
  })

  it('gives federation staff their subtree, and filters by status, 入会时间 and name or phone', async () => {
    const subtree = await walk('demo-staff', { unionId: 'u-street-wangjing', subtree: true }, 2)
    expect(new Set(subtree.map((r) => r.unionName))).toEqual(new Set(['北京某科技有限公司工会', '北京某建筑工程有限公司工会']))
    expect(subtree.length).toBe(await adminDb().count('memberships', { unionPath: 'u-street-wangjing' }))
    const transferred = await walk('demo-staff', { unionId: 'u-street-wangjing', subtree: true, status: 'transferred' }, 10)
    expect(transferred.map((r) => r.name)).toEqual(['周健'])
    const early = await walk('demo-staff', { unionId: 'u-street-wangjing', subtree: true, joinedTo: new Date('2019-12-31T00:00:00Z') }, 10)
    expect(early.every((r) => r.joinedAt.getTime() <= Date.parse('2019-12-31T00:00:00Z'))).toBe(true)
    expect(early.map((r) => r.name).sort()).toEqual(['周健', '周健', '张建国'].sort())
    expect((await walk('demo-chair', { unionId: 'u-build', keyword: '刘' }, 10)).map((r) => r.name)).toEqual(['刘洋'])
    expect((await walk('demo-chair', { unionId: 'u-build', keyword: '0000003' }, 10)).map((r) => r.name)).toEqual(['张建国'])
    expect(await walk('demo-chair', { unionId: 'u-build', keyword: '王芳' }, 10)).toEqual([])
  })

  it('filters by 农民工 and marks their rows, as the stints record it', async () => {
    const subtree = { unionId: 'u-street-wangjing', subtree: true }
    const migrants = await walk('demo-staff', { ...subtree, migrant: true }, 2)
    // the seed marks 刘洋 and 周健 (two stints: transferred from 科技 to 建筑) as 农民工
    expect(migrants.map((r) => r.name).sort()).toEqual(['刘洋', '周健', '周健'].sort())
    expect(migrants.every((r) => r.migrant)).toBe(true)
    expect(migrants.length).toBe(await adminDb().count('memberships', { unionPath: 'u-street-wangjing', migrant: true }))
    const others = await walk('demo-staff', { ...subtree, migrant: false }, 2)
    expect(others.length).toBeGreaterThan(0)
    expect(others.some((r) => r.migrant)).toBe(false)
    expect(migrants.length + others.length).toBe(await adminDb().count('memberships', { unionPath: 'u-street-wangjing' }))
    // with the other filters: 农民工 still 在册 at the construction company
    expect((await walk('demo-chair', { unionId: 'u-build', migrant: true, status: 'active' }, 10)).map((r) => r.name).sort()).toEqual(['刘洋', '周健'].sort())
    const all = await walk('demo-chair', { unionId: 'u-build' }, 50)
    expect(all.find((r) => r.name === '刘洋')?.migrant).toBe(true)
    expect(all.find((r) => r.name === '张建国')?.migrant).toBe(false)
  })

  it('refuses members, strangers, another union\'s chair, and a chair asking for a subtree', async () => {
    for (const openid of ['demo-worker', 'demo-migrant', 'nobody']) {
      expect(errorOf(await cloud.callAction(openid, unionActions.roster, { unionId: 'u-build' })).code).toBe('FORBIDDEN')
    }
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.roster, { unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.roster, { unionId: 'u-build', subtree: true })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-staff', unionActions.roster, { unionId: 'u-street-jiuxianqiao', subtree: true })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAs('demo-chair', 'union', 'roster', { unionId: 'u-build', limit: 101 })).code).toBe('INVALID_INPUT')
  })
})
