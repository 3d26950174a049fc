import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'
import { roleIdFor } from '../../server/privacy/opaqueIds'
import type { UserRecord } from '../../shared/account/schemas'
import type { RoleRecord, UnionRecord } from '../../shared/domain/union'

/** 工会树: 朝阳区总工会 → 街道工会联合会 / 新就业形态工会联合会 → 基层工会. */
const unions: UnionRecord[] = [
  { _id: 'u-district', name: '朝阳区总工会', level: 'federation', parentId: null, path: ['u-district'], region: '北京市朝阳区', employer: '', acceptsGigWorkers: false, inviteCode: 'CYZGH2' },
  { _id: 'u-street-wangjing', name: '望京街道工会联合会', level: 'street', parentId: 'u-district', path: ['u-district', 'u-street-wangjing'], region: '北京市朝阳区望京街道', employer: '', acceptsGigWorkers: false, inviteCode: 'WJJD23' },
  { _id: 'u-tech', name: '北京某科技有限公司工会', level: 'grassroots', parentId: 'u-street-wangjing', path: ['u-district', 'u-street-wangjing', 'u-tech'], region: '北京市朝阳区望京街道', employer: '北京某科技有限公司', acceptsGigWorkers: false, inviteCode: 'KJGH26' },
  { _id: 'u-build', name: '北京某建筑工程有限公司工会', level: 'grassroots', parentId: 'u-street-wangjing', path: ['u-district', 'u-street-wangjing', 'u-build'], region: '北京市朝阳区望京街道', employer: '北京某建筑工程有限公司', acceptsGigWorkers: false, inviteCode: 'JZGH28' },
  { _id: 'u-food', name: '北京某餐饮管理有限公司工会', level: 'grassroots', parentId: 'u-street-wangjing', path: ['u-district', 'u-street-wangjing', 'u-food'], region: '北京市朝阳区望京街道', employer: '北京某餐饮管理有限公司', acceptsGigWorkers: false, inviteCode: 'CYGH35' },
  { _id: 'u-street-gig', name: '朝阳区新就业形态工会联合会', level: 'street', parentId: 'u-district', path: ['u-district', 'u-street-gig'], region: '北京市朝阳区', employer: '', acceptsGigWorkers: true, inviteCode: 'XJYXT3' },
  { _id: 'u-express', name: '某快递公司朝阳分部工会', level: 'grassroots', parentId: 'u-street-gig', path: ['u-district', 'u-street-gig', 'u-express'], region: '北京市朝阳区', employer: '某快递公司朝阳分部', acceptsGigWorkers: true, inviteCode: 'KDGH56' },
  { _id: 'u-street-jiuxianqiao', name: '酒仙桥街道工会联合会', level: 'street', parentId: 'u-district', path: ['u-district', 'u-street-jiuxianqiao'], region: '北京市朝阳区酒仙桥街道', employer: '', acceptsGigWorkers: false, inviteCode: 'JXQJD4' },
  { _id: 'u-elec', name: '北京某电子科技有限公司工会', level: 'grassroots', parentId: 'u-street-jiuxianqiao', path: ['u-district', 'u-street-jiuxianqiao', 'u-elec'], region: '北京市朝阳区酒仙桥街道', employer: '北京某电子科技有限公司', acceptsGigWorkers: false, inviteCode: 'DZGH45' },
]

const pathOf = (unionId: string): string[] => {
  const union = unions.find((u) => u._id === unionId)
  if (!union) throw new Error(`seed: no union ${unionId}`)
  return union.path
}

const nameOf = (unionId: string): string => unions.find((u) => u._id === unionId)?.name ?? ''

const role = (openid: string, unionId: string, r: RoleRecord['role'], grantedAt: string): RoleRecord => ({
  // opaque (server/privacy/opaqueIds.ts): a role id reaches phones and must not carry the openid
  _id: withLocalPrivacyKeys(() => roleIdFor(openid, unionId, r)),
  openid,
  unionId,
  role: r,
  unionPath: pathOf(unionId),
  ...(r === 'member' ? { unionName: nameOf(unionId) } : {}),
  grantedAt: new Date(grantedAt),
  grantedBy: 'seed',
})

/** Demo personas (fixed openids shared with dev login and tests). 李强 has no role yet: he is about to join. */
const roles: RoleRecord[] = [
  role('demo-worker', 'u-tech', 'member', '2022-06-01T02:00:00Z'),
  role('demo-chair', 'u-build', 'member', '2019-03-01T02:00:00Z'),
  role('demo-chair', 'u-build', 'chair', '2021-09-15T02:00:00Z'),
  role('demo-staff', 'u-street-wangjing', 'staff', '2020-01-06T02:00:00Z'),
]

const user = (openid: string, nickName: string, createdAt: string): UserRecord => ({
  _id: openid,
  openid,
  nickName,
  createdAt: new Date(createdAt),
  updatedAt: new Date(createdAt),
})

const users: UserRecord[] = [
  user('demo-worker', '王芳', '2022-05-20T01:00:00Z'),
  user('demo-migrant', '李强', '2024-03-02T11:30:00Z'),
  user('demo-chair', '张建国', '2019-02-25T08:00:00Z'),
  user('demo-staff', '陈静', '2020-01-06T01:00:00Z'),
]

export const seed = { unions, roles, users }
