import { seed } from '../../local-cloud/seed/core'
import { InviteCode, RoleRecord, UnionRecord, canReview, grantReaches, isMemberOf, type RoleGrant } from '../../shared/domain/union'
import { GetTreeInput, SearchInput, UnionId, escapeRegExp, isJoinableDirectly, keywordPatterns } from '../../shared/union'

const union = (id: string) => {
  const found = seed.unions.find((u) => u._id === id)
  if (!found) throw new Error(`no seed union ${id}`)
  return found
}
const grant = (unionId: string, role: RoleGrant['role']): RoleGrant => ({ unionId, role, unionPath: union(unionId).path })

describe('who reaches which union', () => {
  const wangjingStaff = grant('u-street-wangjing', 'staff')

  it('lets street-federation staff reach their street and every union under it, and nothing beside or above', () => {
    for (const id of ['u-street-wangjing', 'u-tech', 'u-build', 'u-food']) expect(grantReaches(wangjingStaff, union(id))).toBe(true)
    for (const id of ['u-district', 'u-street-gig', 'u-express', 'u-street-jiuxianqiao', 'u-elec'])
      expect(grantReaches(wangjingStaff, union(id))).toBe(false)
  })

  it('lets district staff reach the whole district', () => {
    const districtStaff = grant('u-district', 'staff')
    for (const u of seed.unions) expect(grantReaches(districtStaff, u)).toBe(true)
  })

  it('keeps a chair, vice-chair or member to their own union', () => {
    for (const role of ['chair', 'vice_chair', 'member', 'committee'] as const) {
      expect(grantReaches(grant('u-build', role), union('u-build'))).toBe(true)
      expect(grantReaches(grant('u-build', role), union('u-tech'))).toBe(false)
    }
    // a chair of a street federation does not reach the grassroots unions below it
    expect(grantReaches(grant('u-street-wangjing', 'chair'), union('u-tech'))).toBe(false)
  })

  it('lets only chairs, vice-chairs and staff review, each within their reach', () => {
    expect(canReview([grant('u-build', 'chair')], union('u-build'))).toBe(true)
    expect(canReview([grant('u-build', 'vice_chair')], union('u-build'))).toBe(true)
    expect(canReview([grant('u-build', 'chair')], union('u-tech'))).toBe(false)
    expect(canReview([grant('u-tech', 'member'), grant('u-tech', 'committee')], union('u-tech'))).toBe(false)
    expect(canReview([wangjingStaff], union('u-tech'))).toBe(true)
    expect(canReview([wangjingStaff], union('u-elec'))).toBe(false)
    expect(canReview([], union('u-tech'))).toBe(false)
  })

  it('counts membership per union', () => {
    const grants = [grant('u-build', 'member'), grant('u-build', 'chair')]
    expect(isMemberOf(grants, 'u-build')).toBe(true)
    expect(isMemberOf(grants, 'u-tech')).toBe(false)
    expect(isMemberOf([grant('u-street-wangjing', 'staff')], 'u-street-wangjing')).toBe(false)
  })
})

describe('the seeded union tree', () => {
  it('stores valid unions whose path is the parent path plus their own id', () => {
    for (const u of seed.unions) {
      expect(UnionRecord.parse(u)).toEqual(u)
      const expected = u.parentId ? [...union(u.parentId).path, u._id] : [u._id]
      expect(u.path).toEqual(expected)
    }
  })

  it('puts grassroots unions only under a street or gig federation', () => {
    for (const u of seed.unions.filter((x) => x.level === 'grassroots')) expect(union(u.parentId ?? '').level).toBe('street')
  })

  it('gives every union a distinct invite code a person can type', () => {
    const codes = seed.unions.map((u) => u.inviteCode)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(InviteCode.parse(code)).toBe(code)
  })

  it('grants each role once, with the union path copied from the tree', () => {
    const keys = seed.roles.map((r) => `${r.openid}|${r.unionId}|${r.role}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const r of seed.roles) {
      expect(RoleRecord.parse(r)).toEqual(r)
      expect(r.unionPath).toEqual(union(r.unionId).path)
    }
  })

  it('holds the four demo personas with the roles the demo needs', () => {
    const rolesOf = (openid: string) => seed.roles.filter((r) => r.openid === openid).map((r) => `${r.unionId}:${r.role}`).sort()
    expect(rolesOf('demo-worker')).toEqual(['u-tech:member'])
    expect(rolesOf('demo-migrant')).toEqual([])
    expect(rolesOf('demo-chair')).toEqual(['u-build:chair', 'u-build:member'])
    expect(rolesOf('demo-staff')).toEqual(['u-street-wangjing:staff'])
    expect(seed.users.map((u) => u.nickName).sort()).toEqual(['张建国', '李强', '王芳', '陈静'].sort())
    for (const u of seed.users) expect(u._id).toBe(u.openid)
  })
})

describe('finding a union', () => {
  it('matches typed keywords literally, whatever regex characters they hold', () => {
    const { prefix, contains } = keywordPatterns(' 某(科技).* ')
    expect(new RegExp(contains).test('北京某(科技).*有限公司')).toBe(true)
    expect(new RegExp(contains).test('北京某科技有限公司')).toBe(false)
    expect(new RegExp(prefix).test('某(科技).*工会')).toBe(true)
    expect(new RegExp(prefix).test('北京某(科技).*')).toBe(false)
    expect(escapeRegExp('a+b?[c]{2}|^$\\')).toBe('a\\+b\\?\\[c\\]\\{2\\}\\|\\^\\$\\\\')
  })

  it('offers grassroots unions and gig-worker federations, not district or street federations', () => {
    const joinable = seed.unions.filter(isJoinableDirectly).map((u) => u._id).sort()
    expect(joinable).toEqual(['u-build', 'u-elec', 'u-express', 'u-food', 'u-street-gig', 'u-tech'])
  })

  it('normalises an invite code read from a poster and refuses look-alike characters', () => {
    expect(InviteCode.parse(' jzgh28 ')).toBe('JZGH28')
    expect(InviteCode.safeParse('JZGH2O').success).toBe(false)
    expect(InviteCode.safeParse('JZGH2').success).toBe(false)
  })

  it('accepts opaque union ids only', () => {
    expect(UnionId.parse('u-tech')).toBe('u-tech')
    expect(UnionId.safeParse({ $gt: '' }).success).toBe(false)
    expect(UnionId.safeParse('u-tech.name').success).toBe(false)
    expect(UnionId.safeParse('x'.repeat(65)).success).toBe(false)
  })

  it('defaults page sizes and caps them', () => {
    expect(GetTreeInput.parse({})).toEqual({ limit: 20 })
    expect(GetTreeInput.safeParse({ limit: 51 }).success).toBe(false)
    expect(SearchInput.parse({ keyword: ' 建筑 ' })).toEqual({ keyword: '建筑', limit: 20 })
    expect(SearchInput.safeParse({ keyword: '建筑', limit: 21 }).success).toBe(false)
    expect(SearchInput.safeParse({ keyword: '   ' }).success).toBe(false)
  })
})
