import type { DB } from 'wx-server-sdk'
import { inChina } from '../../shared/date'

/**
 * Generated members for 年度数据 (issue 12): unions under the seed's 望京街道 (u-district ›
 * u-street-wangjing), profiles and stints of every status over six years, written straight into the store
 * in batches. Shared by tests/functions/unionStats.test.ts and bench/stats-rebuild.ts, so the bench times
 * the rebuild on the data the test proves it right on.
 */

export const GEN_STREET = ['u-district', 'u-street-wangjing']
export const genUnion = (i: number) => `u-gen-${String(i).padStart(2, '0')}`

export interface GenOptions {
  members: number
  /** grassroots unions; the last is dissolved last year */
  unions: number
  /** the first `small` members belong to union 0, all active (the test dissolves it) */
  small: number
}

/** Six letters of the invite-code alphabet (unique index on inviteCode). */
const inviteCode = (i: number) => {
  const abc = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
  let n = i + 1000
  let code = ''
  for (let k = 0; k < 6; k++) {
    code += abc[n % abc.length]
    n = Math.floor(n / abc.length)
  }
  return code
}

/** Documents per insert: a busy machine's local cloud drops a connection that carries many more. */
const BATCH = 1000

export async function generateMembers(db: DB.Database, opts: GenOptions): Promise<void> {
  const year = inChina(new Date()).year()
  const unions = Array.from({ length: opts.unions }, (_, i) => ({
    _id: genUnion(i),
    name: `生成工会${i}`,
    level: 'grassroots',
    parentId: 'u-street-wangjing',
    path: [...GEN_STREET, genUnion(i)],
    region: '望京街道',
    employer: `生成单位${i}`,
    acceptsGigWorkers: false,
    inviteCode: inviteCode(i),
    creditCode: '',
    address: '',
    industry: '',
    employeeCount: null,
    createdAt: i % 3 === 0 ? null : new Date(Date.UTC(year - (i % 6), i % 12, 10)),
    dissolvedAt: i === opts.unions - 1 ? new Date(Date.UTC(year - 1, 5, 1)) : null,
  }))
  await db.collection('unions').add({ data: unions })
  for (let start = 0; start < opts.members; start += BATCH) {
    const profiles: object[] = []
    const stints: object[] = []
    for (let n = start; n < Math.min(opts.members, start + BATCH); n++) {
      const openid = `gen-${n}`
      const u = n < opts.small ? 0 : 1 + (n % (opts.unions - 2))
      const from = new Date(Date.UTC(year - (n % 6), n % 12, 1 + (n % 27), 2))
      // one in twenty left, one in twenty moved away, one in twenty kept 保留会籍
      const kind = n < opts.small ? 0 : n % 20
      const status = kind === 1 ? 'left' : kind === 2 ? 'transferred' : kind === 3 ? 'retained' : 'active'
      const closed = status === 'left' || status === 'transferred'
      const to = closed ? new Date(Math.min(Date.now() - 3600_000, from.getTime() + 200 * 86400_000)) : null
      // a third joined elsewhere first (入会时间 before this stint): counted as transferred in
      const joinedAt = n % 3 === 0 ? new Date(from.getTime() - 400 * 86400_000) : from
      const stintId = `ms-gen-${n}`
      profiles.push({
        _id: openid,
        openid,
        name: `会员${n}`,
        phone: null,
        phoneVerified: false,
        idNumber: null,
        gender: n % 5 === 0 ? null : n % 2 === 0 ? 'female' : 'male',
        birthYear: null,
        workerType: 'employee',
        migrant: n % 7 === 0,
        employer: '',
        job: '',
        area: '',
        currentMembershipId: closed ? null : stintId,
        openRequest: null,
        requestSeq: 0,
        createdAt: from,
        updatedAt: from,
      })
      stints.push({
        _id: stintId,
        openid,
        unionId: genUnion(u),
        unionPath: [...GEN_STREET, genUnion(u)],
        unionName: `生成工会${u}`,
        memberNo: `G${String(n).padStart(8, '0')}`,
        joinedAt,
        from,
        to,
        status,
        retainReason: status === 'retained' ? 'unemployed' : null,
        // one in seven 农民工; the rest carry no mark, as stints from before the question do
        ...(n % 7 === 0 ? { migrant: true } : {}),
        roleId: `r-gen-${n}`,
        requestId: null,
        createdAt: from,
        updatedAt: to ?? from,
      })
    }
    await db.collection('member_profiles').add({ data: profiles })
    await db.collection('memberships').add({ data: stints })
  }
}
