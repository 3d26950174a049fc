import { readdirSync } from 'fs'
import { join } from 'path'
import { z } from 'zod'
import type { AnyAction, Envelope } from '../../shared/contract'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { roleIdFor } from '../../server/privacy/opaqueIds'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { findSensitive } from '../helpers/sensitiveSweep'
import { adminDb } from './adminDb'

/**
 * The identity sweep (issue 9): every action declared in shared/<domain>/actions.ts — read from the
 * declarations, so a new action is swept without anyone adding it here — called by each wrong caller
 * (no one, a stranger, a plain worker of another union, the chair of an unrelated union, the staff of
 * another street federation) with inputs that name other people's records. Afterwards no record of
 * those people has changed, and no answer carried anyone else's openid, an ID number or ciphertext.
 * Every refusal is in Chinese, and the admin actions of aid and events (ADMIN) refuse every one of them.
 */

process.env.GHT_FIELD_KEY ??= LOCAL_PRIVACY_ENV.GHT_FIELD_KEY
process.env.GHT_HASH_KEY ??= LOCAL_PRIVACY_ENV.GHT_HASH_KEY

const ELEC = ['u-district', 'u-street-jiuxianqiao', 'u-elec']
const JXQ = ['u-district', 'u-street-jiuxianqiao']
/** the wrong callers: none of them has any business with 望京's unions or their people */
const CALLERS = { noOne: '', stranger: 'sweep-stranger', plainWorker: 'demo-worker', unrelatedChair: 'sweep-elec-chair', otherStreetStaff: 'sweep-jxq-staff' } as const
const ATTACKERS = Object.values(CALLERS).filter(Boolean)

/**
 * Every action declared in shared/: each `defineActions` map exported by shared/<domain>/actions.ts, and by
 * shared/<domain>/exports.ts where a domain keeps its file function's declarations apart (unionExport).
 */
function declaredActions(): AnyAction[] {
  const shared = join(__dirname, '../../shared')
  const Action = z.object({ fn: z.string(), name: z.string(), input: z.custom<z.ZodType>((v) => v instanceof z.ZodType), output: z.custom<z.ZodType>((v) => v instanceof z.ZodType) })
  const found: AnyAction[] = []
  const modules = readdirSync(shared).flatMap((domain) => ['actions', 'exports'].map((file) => join(shared, domain, file)))
  for (const path of modules) {
    let mod: Record<string, unknown>
    try {
      mod = require(path)
    } catch {
      continue // a domain without declarations
    }
    for (const map of Object.values(mod)) {
      if (typeof map !== 'object' || map === null) continue
      for (const def of Object.values(map)) {
        const parsed = Action.safeParse(def)
        if (parsed.success) found.push(def as AnyAction)
      }
    }
  }
  return found
}

/**
 * The admin actions of aid, events and the file functions (the union's are swept role by role in unionRoles.test.ts): every
 * wrong caller here has no office over 望京's unions, so each of these calls must be refused, in Chinese.
 * A new admin action is added here; an action missing from its function's declarations fails the test.
 */
const ADMIN: Record<string, readonly string[]> = {
  aid: ['recordHomeVisit', 'listForPayment', 'recordPayment', 'fundLedger', 'setFundBudget', 'updateConfig', 'listFiles', 'fileHousehold', 'reviewFile', 'closeFile', 'unionTotals', 'proxyCandidates', 'requestProxy'],
  events: ['manageList', 'getForEdit', 'saveEvent', 'publishEvent', 'cancelEvent', 'uploadCover', 'participants', 'checkInCode', 'checkIn', 'recordResults', 'setUnitLead'],
  eventsExport: ['exportParticipants'],
  unionExport: ['exportRoster', 'startImport', 'importChunk', 'importDues'],
  stats: ['rebuild', 'exportYear'],
}
/** Admin lists that take no union and answer what the caller's own offices reach: a wrong caller is refused or gets no items. */
const OWN_SCOPE = ['aid.listForPayment', 'aid.listFiles', 'events.manageList']
const NoItems = z.object({ items: z.array(z.unknown()).length(0) })

let cloud: TestCloud
let victims: string[] = []
const VICTIM_REQUEST = 'mj-seed-chenli'

/** Field values naming other people's records, for any action input that has the field. */
const foreign = {
  requestId: VICTIM_REQUEST,
  applicationId: `app-${VICTIM_REQUEST}`,
  noticeId: `app-${VICTIM_REQUEST}`,
  proxyId: 'px-sweep-victim',
  consentId: 'c-sweep-victim',
  roleId: '',
  unionId: 'u-build',
  toUnionId: 'u-build',
  fileId: 'demo-migrant',
  householdId: 'demo-migrant',
  eventId: 'ev-sweep-victim',
  signupId: 'ev-sweep-victim-demo-migrant',
  membershipId: 'ms-seed-liuyang',
  openid: 'demo-migrant',
  field: 'idNumber',
  decision: 'approve',
  expectedVersion: 1,
  reason: '核实后处理一下',
  note: '核实后处理一下',
  text: '这户人家情况需要核实一下',
  confirm: true,
  accept: true,
  approver: true,
  limit: 20,
}

/** One input per action: each field it declares that names a record, filled with someone else's (all of them when the input is not a plain object). */
function inputFor(action: AnyAction): Record<string, unknown> {
  const shape = action.input instanceof z.ZodObject ? Object.keys(action.input.shape) : Object.keys(foreign)
  return Object.fromEntries(shape.filter((k) => k in foreign).map((k) => [k, foreign[k as keyof typeof foreign]]))
}

/** Every document that is about a victim and about none of the callers, by collection and id. */
async function victimRecords(): Promise<Map<string, string>> {
  const { db } = adminDb()
  const out = new Map<string, string>()
  for (const collection of Object.keys(cloud.db.stats())) {
    for (let skip = 0; ; skip += 100) {
      const { data } = z.object({ data: z.array(z.record(z.string(), z.unknown())) }).parse(await db.collection(collection).where({}).skip(skip).limit(100).get())
      for (const doc of data) {
        const text = JSON.stringify(doc)
        if (victims.some((v) => text.includes(v)) && !ATTACKERS.some((a) => text.includes(a))) out.set(`${collection}/${String(doc._id)}`, text)
      }
      if (data.length < 100) break
    }
  }
  return out
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  const role = (openid: string, unionId: string, r: 'chair' | 'staff', unionPath: string[]) => ({ _id: roleIdFor(openid, unionId, r), openid, unionId, role: r, unionPath, grantedAt: new Date(), grantedBy: 'seed' })
  await cloud.db.seed({
    roles: [role(CALLERS.unrelatedChair, 'u-elec', 'chair', ELEC), role(CALLERS.otherStreetStaff, 'u-street-jiuxianqiao', 'staff', JXQ)],
    aid_proxies: [{ _id: 'px-sweep-victim', cadreOpenid: 'demo-chair', cadreName: '张建国', workerOpenid: 'demo-migrant', workerName: '李强', unionId: 'u-build', status: 'accepted', createdAt: new Date(), answeredAt: new Date() }],
    consents: [{ _id: 'c-sweep-victim', openid: 'demo-migrant', purpose: 'proxy_filing', version: '2026-1', grantedAt: new Date(), onBehalfOf: 'demo-chair', withdrawn: false, recordedBy: 'demo-migrant' }],
  })
  const people = await adminDb().find('member_profiles')
  const users = await adminDb().find('users')
  victims = [...new Set([...people, ...users].map((d) => String(d.openid ?? d._id)))].filter((o) => !ATTACKERS.includes(o as never))
  foreign.roleId = roleIdFor('seed-liuyang', 'u-build', 'member')
}, 120_000)
afterAll(() => cloud.cleanup())

describe('identity sweep: every declared action, as every wrong caller, naming other people’s records', () => {
  const actions = declaredActions()

  it('finds the declarations of every cloud function', () => {
    const fns = readdirSync(join(__dirname, '../../cloudfunctions')).filter((f) => !f.startsWith('.'))
    expect([...new Set(actions.map((a) => a.fn))].sort()).toEqual(fns.sort())
    expect(actions.length).toBeGreaterThan(50)
    const declared = new Set(actions.map((a) => `${a.fn}.${a.name}`))
    expect(Object.entries(ADMIN).flatMap(([fn, names]) => names.map((n) => `${fn}.${n}`)).filter((a) => !declared.has(a))).toEqual([])
  })

  it('changes no record of anyone else, and no answer carries another person’s openid, an ID number or ciphertext', async () => {
    expect(victims).toEqual(expect.arrayContaining(['demo-migrant', 'seed-chenli', 'demo-chair', 'demo-staff']))
    const before = await victimRecords()
    expect(before.size).toBeGreaterThan(10)
    const leaks: string[] = []
    for (const action of actions) {
      for (const [who, openid] of Object.entries(CALLERS)) {
        const answer: Envelope<unknown> = await cloud.callAs(openid, action.fn, action.name, inputFor(action))
        const text = JSON.stringify(answer)
        const others = [...victims, ...ATTACKERS.filter((a) => a !== openid)].filter((o) => text.includes(o))
        if (others.length) leaks.push(`${action.fn}.${action.name} as ${who}: carries ${others.join(', ')}`)
        for (const f of findSensitive(answer, [])) leaks.push(`${action.fn}.${action.name} as ${who}: ${f.path} ${f.reason}`)
        const ownScope = OWN_SCOPE.includes(`${action.fn}.${action.name}`)
        if (ownScope && answer.ok && !NoItems.safeParse(answer.data).success) leaks.push(`${action.fn}.${action.name} as ${who}: listed items to a wrong caller`)
        if (!ownScope && ADMIN[action.fn]?.includes(action.name) && answer.ok) leaks.push(`${action.fn}.${action.name} as ${who}: an admin action answered a wrong caller`)
        if (!answer.ok && (answer.error.code === 'INTERNAL' || !/[\u4e00-\u9fff]/.test(answer.error.message))) leaks.push(`${action.fn}.${action.name} as ${who}: refused with ${answer.error.code} “${answer.error.message}”, not a Chinese message`)
      }
    }
    expect(leaks).toEqual([])
    const after = await victimRecords()
    const changed = [...before].filter(([key, text]) => after.get(key) !== text).map(([key]) => key)
    expect(changed).toEqual([])
  }, 900_000)
})
