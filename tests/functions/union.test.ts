import type { UnionRecord } from '../../shared/domain/union'
import { unionActions, type TreeCursor, type UnionSummary } from '../../shared/union'
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

const ids = (unions: ReadonlyArray<Pick<UnionSummary, '_id'>>) => unions.map((u) => u._id)
/** Children in the order the tree promises: by name, then by id (plain code-point order, as the database sorts). */
const byNameThenId = (a: Pick<UnionRecord, 'name' | '_id'>, b: Pick<UnionRecord, 'name' | '_id'>) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0
const seededChildren = (parentId: string | null) => seed.unions.filter((u) => u.parentId === parentId).sort(byNameThenId)

async function walk(openid: string, parentId: string | undefined, limit: number) {
  const seen: string[] = []
  let after: TreeCursor | undefined
  for (let page = 0; page < 20; page++) {
    const result = dataOf(await cloud.callAction(openid, unionActions.getTree, { parentId, after, limit }))
    expect(result.children.length).toBeLessThanOrEqual(limit)
    seen.push(...ids(result.children))
    if (!result.next) return seen
    after = result.next
  }
  throw new Error('paging never ended')
}

describe('union.getTree', () => {
  it('starts at the district federation', async () => {
    const top = dataOf(await cloud.callAction('demo-migrant', unionActions.getTree, {}))
    expect(top.node).toBeNull()
    expect(ids(top.children)).toEqual(['u-district'])
    expect(top.next).toBeNull()
  })

  it('shows a node with its children, ordered by name', async () => {
    const street = dataOf(await cloud.callAction('demo-migrant', unionActions.getTree, { parentId: 'u-street-wangjing' }))
    expect(street.node?._id).toBe('u-street-wangjing')
    expect(ids(street.children)).toEqual(ids(seededChildren('u-street-wangjing')))
    expect(street.children.length).toBe(3)
  })

  it('pages through children with a cursor, every child once, in order', async () => {
    for (const limit of [1, 2]) {
      expect(await walk('demo-migrant', 'u-district', limit)).toEqual(ids(seededChildren('u-district')))
      expect(await walk('demo-migrant', 'u-street-wangjing', limit)).toEqual(ids(seededChildren('u-street-wangjing')))
    }
  })

  it('keeps paging right when two children share a name', async () => {
    const { db } = adminDb()
    const twin = (id: string, inviteCode: string) => ({
      _id: id, name: '某物业公司酒仙桥项目部工会', level: 'grassroots', parentId: 'u-street-jiuxianqiao',
      path: ['u-district', 'u-street-jiuxianqiao', id], region: '北京市朝阳区酒仙桥街道', employer: '某物业公司', acceptsGigWorkers: false, inviteCode,
    })
    await db.collection('unions').add({ data: twin('u-prop-b', 'WYGH2B') })
    await db.collection('unions').add({ data: twin('u-prop-a', 'WYGH2A') })
    const expected = ['u-elec', 'u-prop-a', 'u-prop-b'].map((id) => ({ _id: id, name: id === 'u-elec' ? '北京某电子科技有限公司工会' : '某物业公司酒仙桥项目部工会' }))
    expect(await walk('demo-migrant', 'u-street-jiuxianqiao', 1)).toEqual(ids(expected.sort(byNameThenId)))
  })

  it('answers NOT_FOUND for a union that does not exist', async () => {
    const error = errorOf(await cloud.callAction('demo-migrant', unionActions.getTree, { parentId: 'u-nowhere' }))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toBe('没有找到这个工会，可能已撤销或合并')
  })
})

describe('union.search', () => {
  const search = async (keyword: string, limit?: number) =>
    ids(dataOf(await cloud.callAction('demo-migrant', unionActions.search, limit ? { keyword, limit } : { keyword })).items)

  it('finds the union of a worker\'s employer by part of its name', async () => {
    expect(await search('建筑')).toEqual(['u-build'])
    expect((await search('科技')).sort()).toEqual(['u-elec', 'u-tech'])
  })

  it('lists names starting with the keyword before names merely containing it', async () => {
    // 朝阳区新就业形态工会联合会 starts with 朝阳; 某快递公司朝阳分部工会 only contains it
    expect(await search('朝阳')).toEqual(['u-street-gig', 'u-express'])
  })

  it('offers only unions a worker can join, not district or street federations', async () => {
    expect(await search('望京')).toEqual([])
    expect(await search('总工会')).toEqual([])
    expect(await search('新就业形态')).toEqual(['u-street-gig'])
  })

  it('matches what was typed literally, not as a pattern', async () => {
    expect(await search('.*')).toEqual([])
    expect(await search('北京.*工会')).toEqual([])
    expect(await search('(')).toEqual([])
  })

  it('returns at most the requested number, best matches first', async () => {
    const prefixed = seed.unions.filter((u) => u.name.startsWith('北京') && u.level === 'grassroots').sort(byNameThenId)
    expect(await search('北京', 2)).toEqual(ids(prefixed.slice(0, 2)))
    expect((await search('工会')).length).toBeLessThanOrEqual(20)
  })
})

describe('union.getUnion', () => {
  it('shows a union with the federations above it, top first', async () => {
    const detail = dataOf(await cloud.callAction('demo-migrant', unionActions.getUnion, { unionId: 'u-build' }))
    expect(detail.union).toMatchObject({ _id: 'u-build', name: '北京某建筑工程有限公司工会', level: 'grassroots', employer: '北京某建筑工程有限公司' })
    expect(detail.ancestors).toEqual([
      { _id: 'u-district', name: '朝阳区总工会' },
      { _id: 'u-street-wangjing', name: '望京街道工会联合会' },
    ])
    expect(dataOf(await cloud.callAction('demo-migrant', unionActions.getUnion, { unionId: 'u-district' })).ancestors).toEqual([])
  })

  it('hands the invite code to the union\'s chair and the staff above it, and to nobody else', async () => {
    const codeFor = async (openid: string, unionId: string) =>
      dataOf(await cloud.callAction(openid, unionActions.getUnion, { unionId })).inviteCode
    expect(await codeFor('demo-chair', 'u-build')).toBe('JZGH28')
    expect(await codeFor('demo-staff', 'u-build')).toBe('JZGH28')
    expect(await codeFor('demo-staff', 'u-tech')).toBe('KJGH26')
    expect(await codeFor('demo-chair', 'u-tech')).toBeUndefined()
    expect(await codeFor('demo-staff', 'u-elec')).toBeUndefined()
    expect(await codeFor('demo-worker', 'u-tech')).toBeUndefined()
    expect(await codeFor('demo-migrant', 'u-build')).toBeUndefined()
  })

  it('answers NOT_FOUND for an unknown union', async () => {
    expect(errorOf(await cloud.callAction('demo-worker', unionActions.getUnion, { unionId: 'u-gone' })).code).toBe('NOT_FOUND')
  })
})

describe('union.byInviteCode', () => {
  it('opens the union behind a chair\'s invite code, however it was typed', async () => {
    for (const code of ['JZGH28', ' jzgh28 ']) {
      const invited = dataOf(await cloud.callAction('demo-migrant', unionActions.byInviteCode, { code }))
      expect(invited.union._id).toBe('u-build')
      expect(ids(invited.ancestors)).toEqual(['u-district', 'u-street-wangjing'])
    }
  })

  it('tells the worker to check with the chair when the code leads nowhere', async () => {
    const error = errorOf(await cloud.callAction('demo-migrant', unionActions.byInviteCode, { code: 'ZZZZZZ' }))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toBe('这个邀请码没有对应的工会，请向工会主席核对')
    expect(error.fields).toEqual({ code: '邀请码无效' })
  })

  it('refuses a malformed code before looking anything up', async () => {
    const error = errorOf(await cloud.callAction('demo-migrant', unionActions.byInviteCode, { code: 'JZ-28' }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields).toEqual({ code: '邀请码是6位字母或数字，请核对后再试' })
  })
})
