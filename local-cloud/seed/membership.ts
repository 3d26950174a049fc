import type { UserRecord } from '../../shared/account/schemas'
import type { RoleRecord } from '../../shared/domain/union'
import { formatMemberNo } from '../../shared/membership/cardToken'
import {
  MEMBER_NO_COUNTER,
  type ApplicationRecord,
  type IdClaimRecord,
  type MemberProfileRecord,
  type MembershipRecord,
} from '../../shared/membership/records'
import { idCheckChar, sexOf } from '../../shared/privacy/idNumber'
import { maskPhone } from '../../shared/privacy/mask'
import type { SealedField } from '../../shared/privacy/sealed'
import type { HistoryDoc, RequestDoc } from '../../shared/requests/schemas'
import { addWorkingDays } from '../../shared/requests/sla'
import { sealSensitive } from '../../server/privacy/crypto'
import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'
import { roleIdFor } from '../../server/privacy/opaqueIds'

/**
 * Membership demo data: profiles and stints for the seeded members (王芳, 张建国 and a few more),
 * one member whose history spans a transfer, and one pending 入会申请 to 北京某建筑工程有限公司工会
 * so 张建国's 待办 is not empty. ID numbers are made-up but valid (GB 11643 check digit) and sealed
 * with the local cloud's dev keys, exactly as the function stores them.
 */

const withLocalKeys = withLocalPrivacyKeys

const withCheck = (first17: string) => first17 + idCheckChar(first17)
const day = (iso: string) => new Date(`${iso}T02:00:00Z`)
const DAY_MS = 86_400_000

const PATHS: Record<string, { path: string[]; name: string }> = {
  'u-tech': { path: ['u-district', 'u-street-wangjing', 'u-tech'], name: '北京某科技有限公司工会' },
  'u-build': { path: ['u-district', 'u-street-wangjing', 'u-build'], name: '北京某建筑工程有限公司工会' },
  'u-express': { path: ['u-district', 'u-street-gig', 'u-express'], name: '某快递公司朝阳分部工会' },
}

interface Person {
  openid: string
  name: string
  first17: string
  phone: string
  workerType: 'employee' | 'gig'
  employer: string
  job: string
  createdAt: string
  /** 农民工 (户籍在农村、进城务工): so the roster filter and 年度数据 have some to show */
  migrant?: boolean
}

const people: Person[] = [
  { openid: 'demo-worker', name: '王芳', first17: '11010519900512002', phone: '13800000001', workerType: 'employee', employer: '北京某科技有限公司', job: '软件测试', createdAt: '2022-05-20' },
  { openid: 'demo-chair', name: '张建国', first17: '41152619750803003', phone: '13800000003', workerType: 'employee', employer: '北京某建筑工程有限公司', job: '项目经理', createdAt: '2019-02-25' },
  { openid: 'seed-liuyang', name: '刘洋', first17: '13062819880214005', phone: '13900000005', workerType: 'employee', employer: '北京某建筑工程有限公司', job: '钢筋工', createdAt: '2020-04-01', migrant: true },
  { openid: 'seed-zhaomin', name: '赵敏', first17: '11010819920930004', phone: '13900000004', workerType: 'employee', employer: '北京某科技有限公司', job: '行政专员', createdAt: '2021-03-01' },
  { openid: 'seed-sunwei', name: '孙伟', first17: '34122119950101001', phone: '13900000001', workerType: 'gig', employer: '某快递公司朝阳分部', job: '快递员', createdAt: '2023-07-01', migrant: true },
  { openid: 'seed-zhoujian', name: '周健', first17: '37028419860611007', phone: '13900000007', workerType: 'employee', employer: '北京某建筑工程有限公司', job: '塔吊司机', createdAt: '2018-09-01', migrant: true },
  { openid: 'seed-chenli', name: '陈丽', first17: '51382219970419002', phone: '13900000002', workerType: 'employee', employer: '北京某建筑工程有限公司', job: '资料员', createdAt: '2025-01-02' },
]

interface StintSeed {
  openid: string
  seq: number
  unionId: keyof typeof PATHS
  joinedAt: string
  from: string
  to: string | null
  status: MembershipRecord['status']
}

// 周健 joined at the tech company and moved to the construction company: one person, two stints, one number.
const stintSeeds: StintSeed[] = [
  { openid: 'demo-chair', seq: 1, unionId: 'u-build', joinedAt: '2019-03-01', from: '2019-03-01', to: null, status: 'active' },
  { openid: 'seed-liuyang', seq: 2, unionId: 'u-build', joinedAt: '2020-04-10', from: '2020-04-10', to: null, status: 'active' },
  { openid: 'demo-worker', seq: 3, unionId: 'u-tech', joinedAt: '2022-06-01', from: '2022-06-01', to: null, status: 'active' },
  { openid: 'seed-zhaomin', seq: 4, unionId: 'u-tech', joinedAt: '2021-03-15', from: '2021-03-15', to: null, status: 'active' },
  { openid: 'seed-sunwei', seq: 5, unionId: 'u-express', joinedAt: '2023-07-20', from: '2023-07-20', to: null, status: 'active' },
  { openid: 'seed-zhoujian', seq: 6, unionId: 'u-tech', joinedAt: '2018-09-10', from: '2018-09-10', to: '2023-05-08', status: 'transferred' },
  { openid: 'seed-zhoujian', seq: 6, unionId: 'u-build', joinedAt: '2018-09-10', from: '2023-05-08', to: null, status: 'active' },
]
const LAST_MEMBER_SEQ = 6

const stintId = (s: StintSeed) => `ms-seed-${s.openid}-${s.unionId}`
const migrants = new Set(people.filter((p) => p.migrant).map((p) => p.openid))

const memberships: MembershipRecord[] = stintSeeds.map((s) => ({
  _id: stintId(s),
  openid: s.openid,
  unionId: s.unionId,
  unionPath: PATHS[s.unionId].path,
  unionName: PATHS[s.unionId].name,
  memberNo: formatMemberNo(s.seq),
  joinedAt: day(s.joinedAt),
  from: day(s.from),
  to: s.to ? day(s.to) : null,
  status: s.status,
  retainReason: null,
  migrant: migrants.has(s.openid),
  roleId: withLocalKeys(() => roleIdFor(s.openid, s.unionId, 'member')),
  requestId: null,
  createdAt: day(s.from),
  updatedAt: day(s.to ?? s.from),
}))

// 王芳's and 张建国's member roles come from core.ts (same ids); the others' are added here.
const coreMembers = new Set(['demo-worker', 'demo-chair'])
const roles: RoleRecord[] = memberships
  .filter((m) => m.status === 'active' && !coreMembers.has(m.openid))
  .map((m) => ({ _id: m.roleId, openid: m.openid, unionId: m.unionId, role: 'member', unionPath: m.unionPath, unionName: m.unionName, grantedAt: m.from, grantedBy: 'seed' }))

const sealed = new Map<string, SealedField>(people.map((p) => [p.openid, withLocalKeys(() => sealSensitive(withCheck(p.first17), 'idNumber'))]))
const sealedOf = (openid: string): SealedField => {
  const s = sealed.get(openid)
  if (!s) throw new Error(`seed: no ID for ${openid}`)
  return s
}

// 陈丽 applied two days before the demo starts; her application waits at 张建国's desk.
const pendingAt = new Date(Date.now() - 2 * DAY_MS)
const PENDING_ID = 'mj-seed-chenli'
const chenli = people.find((p) => p.openid === 'seed-chenli')

const profiles: MemberProfileRecord[] = people.map((p) => {
  const current = memberships.find((m) => m.openid === p.openid && m.status === 'active')
  const id = withCheck(p.first17)
  return {
    _id: p.openid,
    openid: p.openid,
    name: p.name,
    phone: p.phone,
    phoneVerified: true,
    idNumber: sealedOf(p.openid),
    gender: sexOf(id),
    birthYear: Number(id.slice(6, 10)),
    workerType: p.workerType,
    migrant: p.migrant === true,
    employer: p.employer,
    job: p.job,
    area: '望京街道',
    currentMembershipId: current?._id ?? null,
    openRequest: p.openid === 'seed-chenli' ? { requestId: PENDING_ID, applicationId: `app-${PENDING_ID}`, kind: 'membership.join', unionId: 'u-build', at: pendingAt } : null,
    requestSeq: 0,
    createdAt: day(p.createdAt),
    updatedAt: day(p.createdAt),
  }
})

const member_id_claims: IdClaimRecord[] = people.map((p) => ({ _id: sealedOf(p.openid).hash, openid: p.openid, claimedAt: day(p.createdAt) }))

const application: ApplicationRecord = {
  _id: `app-${PENDING_ID}`,
  kind: 'membership.join',
  openid: 'seed-chenli',
  requestId: PENDING_ID,
  unionId: 'u-build',
  unionName: PATHS['u-build'].name,
  fromMembershipId: null,
  fromUnionId: null,
  fromUnionName: null,
  memberNo: null,
  name: '陈丽',
  idNumber: sealedOf('seed-chenli'),
  phoneMasked: maskPhone(chenli?.phone ?? ''),
  gender: 'female',
  workerType: 'employee',
  migrant: false,
  employer: '北京某建筑工程有限公司',
  job: '资料员',
  reason: '',
  createdAt: pendingAt,
}

const request: RequestDoc = {
  _id: PENDING_ID,
  kind: 'membership.join',
  applicantOpenid: 'seed-chenli',
  applicantName: '陈*',
  unionId: 'u-build',
  unionPath: PATHS['u-build'].path,
  status: 'submitted',
  step: 0,
  chain: [{ unionId: 'u-build', unionPath: PATHS['u-build'].path, unionName: PATHS['u-build'].name, roles: ['chair', 'vice_chair'], label: '基层工会审核' }],
  reviewUnionId: 'u-build',
  reviewUnionPath: PATHS['u-build'].path,
  summary: { title: '陈*申请入会', subtitle: '北京某建筑工程有限公司 · 资料员' },
  subjectRef: { collection: 'membership_applications', id: application._id },
  submittedAt: pendingAt,
  updatedAt: pendingAt,
  dueAt: addWorkingDays(pendingAt, 5),
  overdue: false,
  version: 1,
  closedAt: null,
  lastReason: '',
  exclusiveKey: 'membership:seed-chenli',
}

const history: HistoryDoc = {
  _id: `h-${PENDING_ID}-submit`,
  requestId: PENDING_ID,
  at: pendingAt,
  actorOpenid: 'seed-chenli',
  actorName: '陈*',
  actorRole: 'applicant',
  action: 'submit',
  fromStatus: 'draft',
  toStatus: 'submitted',
  step: 0,
  reason: '',
  note: '',
}

const users: UserRecord[] = people
  .filter((p) => !p.openid.startsWith('demo-'))
  .map((p) => ({ _id: p.openid, openid: p.openid, nickName: p.name, createdAt: day(p.createdAt), updatedAt: day(p.createdAt) }))

export const seed = {
  users,
  roles,
  member_profiles: profiles,
  member_id_claims,
  memberships,
  membership_applications: [application],
  membership_counters: [{ _id: MEMBER_NO_COUNTER, value: LAST_MEMBER_SEQ }],
  requests: [request],
  request_history: [history],
  request_locks: [{ _id: request.exclusiveKey, requestId: PENDING_ID, kind: 'membership.join', openid: 'seed-chenli', createdAt: pendingAt }],
}
