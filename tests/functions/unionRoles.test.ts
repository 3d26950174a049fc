import { readdirSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'
import type { Envelope } from '../../shared/contract'
import { creditCodeCheckChar } from '../../shared/union/creditCode'
import { unionActions } from '../../shared/union/actions'
import { inChina } from '../../shared/date'
import { dataOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { role } from '../helpers/roles'
import { adminDb } from './adminDb'

/**
 * The wrong-role sweep of the union function (issue 12's proof): every action its router serves, each
 * called by every wrong role on 北京某建筑工程有限公司工会 (u-build, 张建国 chair, under 陈静's 望京 street),
 * with an input its rightful caller gets through with. Each wrong call is refused with a Chinese message,
 * not an input error, and the database is byte for byte what it was. The table is typed by the router's
 * declarations and checked against its handler files, so a new action without an entry fails here.
 */

jest.setTimeout(120_000)

const BUILD = ['u-district', 'u-street-wangjing', 'u-build']
const TECH = ['u-district', 'u-street-wangjing', 'u-tech']
const JXQ = ['u-district', 'u-street-jiuxianqiao']

/** The wrong roles, each someone with no business changing or seeing u-build's office. */
const WRONG = {
  stranger: 'roles-stranger',
  plainMember: 'roles-build-member',
  otherUnionMember: 'roles-tech-member',
  siblingChair: 'roles-tech-chair',
  /** a vice-chair the chair has not made an approver: an officer, but not one who decides */
  viceChairNotApprover: 'roles-build-vice',
  outsideCadre: 'roles-jxq-staff',
} as const
type Wrong = keyof typeof WRONG

type Name = keyof typeof unionActions
interface Guarded {
  /** the input the rightful caller gets through with (a function: it may need ids read after seeding) */
  input: () => Record<string, unknown>
  /** who may: called at the end to show the input is good, so a refusal above was the role's */
  rightful: string | null
  /** wrong roles this action legitimately serves (a vice-chair reads the union's page) */
  allowed?: readonly Wrong[]
}
/** Open to any signed-in person, with the reason; not swept (their own data, the public tree, or a token that is the credential). */
interface Open {
  open: string
}

let cloud: TestCloud
let viceOfficerId = ''
const month = inChina(new Date()).format('YYYY-MM')
const creditCode = (tail: string) => `91110105MA01${tail}` + creditCodeCheckChar(`91110105MA01${tail}`)
const registration = { name: '北京角色测试有限公司工会', employer: '北京角色测试有限公司', creditCode: creditCode('77001'), address: '北京市朝阳区望京街9号', region: '望京街道', industry: '信息技术', employeeCount: 30 }

const TABLE = {
  getTree: { open: 'the union tree is public: a worker finds her union in it' },
  search: { open: 'finding a union by name is public' },
  getUnion: { open: 'a union’s public card (name, level, parents) for the join form' },
  byInviteCode: { open: 'the 集体入会 code is shared with the whole workplace on purpose' },
  getInvitation: { open: 'the one-time token is the credential; its refusals are tested in unionInvitations.test.ts' },
  acceptInvitation: { open: 'the one-time token is the credential; its refusals are tested in unionInvitations.test.ts' },
  submitFounding: { open: 'any worker may apply to found a union (建会申请); the federation decides it' },
  myOffices: { open: 'the caller’s own offices' },
  myDues: { open: 'the caller’s own dues' },
  createInvitation: { input: () => ({ unionId: 'u-build', role: 'vice_chair' }), rightful: 'demo-chair' },
  registerUnion: { input: () => ({ parentId: 'u-street-wangjing', ...registration }), rightful: 'demo-staff' },
  getOffice: { input: () => ({ unionId: 'u-build' }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  roster: { input: () => ({ unionId: 'u-build', limit: 20 }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  workbench: { input: () => ({ unionId: 'u-build' }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  yearFigures: { input: () => ({ unionId: 'u-build', year: Number(month.slice(0, 4)) }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  setApprover: { input: () => ({ unionId: 'u-build', officerId: viceOfficerId, kinds: ['membership.join'] }), rightful: 'demo-chair' },
  // 会员详情: every officer of the union reads it; full numbers for the chair and vice-chairs (audited)
  member: { input: () => ({ unionId: 'u-build', memberNo: 'GH00000002' }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  revealMember: { input: () => ({ unionId: 'u-build', memberNo: 'GH00000002', field: 'phone' }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  grantExemption: { input: () => ({ unionId: 'u-build', memberNo: 'GH00000002', from: month, reason: '困难职工' }), rightful: 'demo-chair' },
  endExemption: { input: () => ({ unionId: 'u-build', memberNo: 'GH00000002', reason: '已脱困' }), rightful: 'demo-chair' },
  proposeExpulsion: { input: () => ({ unionId: 'u-build', memberNo: 'GH00000006', reason: '连续六个月无正当理由未缴纳会费' }), rightful: 'demo-chair' },
  renameUnion: { input: () => ({ unionId: 'u-build', name: '北京某建筑工程有限公司工会委员会' }), rightful: 'demo-chair' },
  recordDues: { input: () => ({ unionId: 'u-build', month, amountFen: 2500 }), rightful: 'demo-chair', allowed: ['viceChairNotApprover'] },
  removeOfficer: { input: () => ({ unionId: 'u-build', officerId: viceOfficerId, reason: '工作调动' }), rightful: 'demo-chair' },
  // last among the rightful calls: it ends u-build
  dissolveUnion: { input: () => ({ unionId: 'u-build', members: 'retain', reason: '单位注销' }), rightful: 'demo-staff' },
  // only the management API, with no WeChat user and the deployment's token (tested in union.test.ts)
  bootstrapRoot: { input: () => ({ name: '某某区总工会', region: '北京市某某区', bootstrapToken: 'x'.repeat(32) }), rightful: null },
  // the same operator-only door as bootstrapRoot (tested in tests/deploy/migrate.test.ts)
  migrateRoleIds: { input: () => ({ bootstrapToken: 'x'.repeat(32), limit: 10 }), rightful: null },
} satisfies Record<Name, Guarded | Open>

const isOpen = (entry: Guarded | Open): entry is Open => 'open' in entry

/** Every document of every collection, by collection and id. */
async function everything(): Promise<Map<string, string>> {
  const { db } = adminDb()
  const out = new Map<string, string>()
  for (const collection of Object.keys(cloud.db.stats())) {
    for (let skip = 0; ; skip += 100) {
      const { data } = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).parse(await db.collection(collection).where({}).skip(skip).limit(100).get())
      for (const doc of data) out.set(`${collection}/${String(doc._id)}`, JSON.stringify(doc))
      if (data.length < 100) break
    }
  }
  return out
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  await cloud.db.seed({
    roles: [
      role(WRONG.plainMember, 'u-build', 'member', BUILD),
      role(WRONG.otherUnionMember, 'u-tech', 'member', TECH),
      role(WRONG.siblingChair, 'u-tech', 'chair', TECH),
      role(WRONG.viceChairNotApprover, 'u-build', 'vice_chair', BUILD),
      role(WRONG.outsideCadre, 'u-street-jiuxianqiao', 'staff', JXQ),
    ],
  })
  const office = dataOf(await cloud.callAction('demo-chair', unionActions.getOffice, { unionId: 'u-build' }))
  viceOfficerId = office.officers.find((o) => o.role === 'vice_chair')?.officerId ?? ''
}, 120_000)
afterAll(() => cloud.cleanup())

describe('the union function, every action, every wrong role', () => {
  it('has an entry for every action its router serves, and a handler file for each', () => {
    const files = readdirSync(join(__dirname, '../../cloudfunctions/union/src/actions')).map((f) => f.replace(/\.ts$/, ''))
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(unionActions).sort())
    expect(files.sort()).toEqual(Object.keys(unionActions).sort())
    expect(viceOfficerId).not.toBe('')
  })

  it('refuses each wrong role with a Chinese message, and writes nothing', async () => {
    const before = await everything()
    const wrong: string[] = []
    for (const [name, entry] of Object.entries(TABLE) as Array<[Name, Guarded | Open]>) {
      if (isOpen(entry)) continue
      for (const [who, openid] of Object.entries(WRONG) as Array<[Wrong, string]>) {
        if (entry.allowed?.includes(who)) continue
        const answer: Envelope<unknown> = await cloud.callAs(openid, 'union', name, entry.input())
        if (answer.ok) wrong.push(`${name} as ${who}: answered ${JSON.stringify(answer.data).slice(0, 120)}`)
        else if (!/[\u4e00-\u9fff]/.test(answer.error.message)) wrong.push(`${name} as ${who}: message not in Chinese: ${answer.error.message}`)
        else if (answer.error.code !== 'FORBIDDEN') wrong.push(`${name} as ${who}: ${answer.error.code} ${answer.error.message} (a role refusal is FORBIDDEN)`)
      }
    }
    expect(wrong).toEqual([])
    const after = await everything()
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key))
    expect(changed).toEqual([])
  })

  it('lets each rightful caller through with the same input, so the refusals above were the role’s', async () => {
    const refused: string[] = []
    for (const [name, entry] of Object.entries(TABLE) as Array<[Name, Guarded | Open]>) {
      if (isOpen(entry) || entry.rightful === null) continue
      const answer: Envelope<unknown> = await cloud.callAs(entry.rightful, 'union', name, entry.input())
      if (!answer.ok) refused.push(`${name} as ${entry.rightful}: ${answer.error.code} ${answer.error.message}`)
    }
    expect(refused).toEqual([])
  })
})
