import { z } from 'zod'
import { seed } from '../../local-cloud/seed/core'
import { createInvitation, tokenHash } from '../../server/union/invitations'
import { ensureRootFederation } from '../../server/union/root'
import { invitationRefusal, unionActions } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { adminDb } from './adminDb'

// each test makes several calls through the compiled function; a loaded 2-core machine needs more than 5 s
jest.setTimeout(60_000)

let cloud: TestCloud
// An empty cloud first (the bootstrap of a new deployment), then the foundation's demo tree.
beforeAll(async () => {
  cloud = await startTestCloud()
}, 60_000)
afterAll(() => cloud.cleanup())

const DAY = 24 * 60 * 60 * 1000
const Role = z.object({ openid: z.string(), unionId: z.string(), role: z.string(), grantedBy: z.string() })
const rolesOf = async (openid: string) => z.array(Role).parse(await adminDb().find('roles', { openid }))
const History = z.object({ data: z.array(z.object({ action: z.string(), role: z.string().nullable(), actorOpenid: z.string(), at: z.date() })) })
/** The union's history in the order it happened. */
const historyOf = async (unionId: string) =>
  History.parse(await adminDb().db.collection('union_history').where({ unionId }).orderBy('at', 'asc').limit(100).get()).data

describe('bootstrap: the root federation and its first administrator', () => {
  it('creates the root federation once; a second bootstrap finds the same one', async () => {
    const { db } = adminDb()
    const first = await ensureRootFederation(db, { name: '测试区总工会', region: '测试区' })
    expect(first.created).toBe(true)
    expect(first.union).toMatchObject({ name: '测试区总工会', level: 'federation', parentId: null, path: [first.union._id] })
    const again = await ensureRootFederation(db, { name: '另一个总工会', region: '别处' })
    expect(again).toEqual({ union: first.union, created: false })
    expect(await adminDb().count('unions', { parentId: null })).toBe(1)
    expect((await historyOf(first.union._id)).map((h) => h.action)).toEqual(['create_root'])
  })

  it('makes the first administrator federation staff through an invitation they accept in WeChat', async () => {
    const { db } = adminDb()
    const { union } = await ensureRootFederation(db, { name: '测试区总工会', region: '测试区' })
    const invite = await createInvitation(db, { unionId: union._id, role: 'staff', createdBy: 'bootstrap', expiresAt: new Date(Date.now() + DAY) })
    expect(invite.path).toBe(`packages/admin/accept/index?t=${invite.token}`)
    const accepted = dataOf(await cloud.callAction('first-admin', unionActions.acceptInvitation, { token: invite.token }))
    expect(accepted).toEqual({ unionId: union._id, unionName: '测试区总工会', role: 'staff', roleLabel: '工会工作人员' })
    expect(await rolesOf('first-admin')).toEqual([{ openid: 'first-admin', unionId: union._id, role: 'staff', grantedBy: 'bootstrap' }])
  })
})

describe('union invitations on the demo tree', () => {
  beforeAll(async () => {
    await cloud.db.seed(seed)
  })

  const invite = async (openid: string, unionId: string, role: 'chair' | 'vice_chair' | 'committee' | 'staff', expiresInDays?: number) =>
    cloud.callAction(openid, unionActions.createInvitation, expiresInDays ? { unionId, role, expiresInDays } : { unionId, role })

  it('lets 陈静 invite the chair of a union in her street; the invitee sees it, accepts it, and holds the office', async () => {
    const created = dataOf(await invite('demo-staff', 'u-tech', 'chair'))
    expect(created.unionName).toBe('北京某科技有限公司工会')
    expect(created.path).toBe(`packages/admin/accept/index?t=${encodeURIComponent(created.token)}`)
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(6 * DAY)

    const preview = dataOf(await cloud.callAction('new-chair', unionActions.getInvitation, { token: created.token }))
    expect(preview).toMatchObject({ unionId: 'u-tech', role: 'chair', roleLabel: '工会主席', state: 'open' })

    const accepted = dataOf(await cloud.callAction('new-chair', unionActions.acceptInvitation, { token: created.token }))
    expect(accepted).toMatchObject({ unionId: 'u-tech', role: 'chair' })
    expect(await rolesOf('new-chair')).toEqual([{ openid: 'new-chair', unionId: 'u-tech', role: 'chair', grantedBy: 'demo-staff' }])

    const history = await historyOf('u-tech')
    expect(history.map((h) => [h.action, h.role, h.actorOpenid])).toEqual([
      ['invite', 'chair', 'demo-staff'],
      ['accept_invitation', 'chair', 'new-chair'],
    ])
    const [stored] = await adminDb().find('union_invitations', { _id: tokenHash(created.token) })
    expect(stored).toMatchObject({ usedBy: 'new-chair' })
    // only the hash is kept: the database alone cannot open the link
    expect(JSON.stringify(await adminDb().find('union_invitations'))).not.toContain(created.token)
    expect(dataOf(await cloud.callAction('new-chair', unionActions.getInvitation, { token: created.token })).state).toBe('used')
  })

  it('refuses a link forwarded after use, and the same person using it twice', async () => {
    const { token } = dataOf(await invite('demo-staff', 'u-food', 'chair'))
    dataOf(await cloud.callAction('food-chair', unionActions.acceptInvitation, { token }))
    const forwarded = errorOf(await cloud.callAction('someone-else', unionActions.acceptInvitation, { token }))
    expect(forwarded).toMatchObject({ code: 'CONFLICT', message: invitationRefusal.used })
    expect(await rolesOf('someone-else')).toEqual([])
    const twice = errorOf(await cloud.callAction('food-chair', unionActions.acceptInvitation, { token }))
    expect(twice).toMatchObject({ code: 'CONFLICT', message: invitationRefusal.used })
  })

  it('refuses an expired invitation and writes nothing', async () => {
    const { db } = adminDb()
    const now = new Date(Date.now() - 10 * DAY)
    const { token } = await createInvitation(db, { unionId: 'u-elec', role: 'chair', createdBy: 'demo-staff', now, expiresAt: new Date(now.getTime() + 7 * DAY) })
    expect(dataOf(await cloud.callAction('late-chair', unionActions.getInvitation, { token })).state).toBe('expired')
    const error = errorOf(await cloud.callAction('late-chair', unionActions.acceptInvitation, { token }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: invitationRefusal.expired, fields: { token: invitationRefusal.expired } })
    expect(await rolesOf('late-chair')).toEqual([])
    const [stored] = await adminDb().find('union_invitations', { _id: tokenHash(token) })
    expect(stored).toMatchObject({ usedAt: null, usedBy: null })
  })

  it('refuses an unknown token and a malformed one in Chinese', async () => {
    const unknown = errorOf(await cloud.callAction('demo-migrant', unionActions.acceptInvitation, { token: 'A'.repeat(32) }))
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: invitationRefusal.unknown })
    const malformed = errorOf(await cloud.callAs('demo-migrant', 'union', 'acceptInvitation', { token: 'abc' }))
    expect(malformed.code).toBe('INVALID_INPUT')
    expect(malformed.fields?.token).toBe('邀请链接不完整，请让对方重新发送')
  })

  it('keeps one chair per union: a chair invitation for a seated union is refused and stays unspent', async () => {
    const { token } = dataOf(await invite('demo-staff', 'u-build', 'chair'))
    const error = errorOf(await cloud.callAction('pretender', unionActions.acceptInvitation, { token }))
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain('已有工会主席')
    expect(await rolesOf('pretender')).toEqual([])
    expect(dataOf(await cloud.callAction('pretender', unionActions.getInvitation, { token })).state).toBe('open')
  })

  it('lets a chair invite her own vice-chairs and committee members, nothing more', async () => {
    expect(dataOf(await invite('demo-chair', 'u-build', 'vice_chair')).role).toBe('vice_chair')
    expect(dataOf(await invite('demo-chair', 'u-build', 'committee')).role).toBe('committee')
    expect(errorOf(await invite('demo-chair', 'u-build', 'chair')).code).toBe('FORBIDDEN')
    expect(errorOf(await invite('demo-chair', 'u-build', 'staff')).code).toBe('FORBIDDEN')
    expect(errorOf(await invite('demo-chair', 'u-tech', 'committee')).code).toBe('FORBIDDEN')
  })

  it('refuses every wrong role: members, strangers, staff outside their subtree, staff at a grassroots union', async () => {
    for (const openid of ['demo-worker', 'demo-migrant', 'nobody']) {
      const error = errorOf(await invite(openid, 'u-tech', 'vice_chair'))
      expect(error.code).toBe('FORBIDDEN')
      expect(error.message).toBe('您不能邀请北京某科技有限公司工会的工会副主席')
    }
    expect(errorOf(await invite('demo-staff', 'u-elec', 'chair')).code).toBe('FORBIDDEN')
    expect(errorOf(await invite('demo-staff', 'u-district', 'staff')).code).toBe('FORBIDDEN')
    expect(errorOf(await invite('demo-staff', 'u-tech', 'staff'))).toMatchObject({ code: 'FORBIDDEN', message: '基层工会没有联合会干部这一职务' })
    expect(dataOf(await invite('demo-staff', 'u-street-wangjing', 'staff')).role).toBe('staff')
    expect(errorOf(await invite('demo-staff', 'u-tech', 'chair', 31)).code).toBe('INVALID_INPUT')
    expect(errorOf(await cloud.callAs('', 'union', 'createInvitation', { unionId: 'u-tech', role: 'chair' })).code).toBe('UNAUTHENTICATED')
    expect(errorOf(await cloud.callAs('', 'union', 'acceptInvitation', { token: 'A'.repeat(32) })).code).toBe('UNAUTHENTICATED')
  })

  it('answers no openid in any invitation action', async () => {
    const created = await invite('demo-staff', 'u-street-wangjing', 'committee')
    const { token } = dataOf(created)
    const answers = [created, await cloud.callAction('x-openid', unionActions.getInvitation, { token }), await cloud.callAction('x-openid', unionActions.acceptInvitation, { token })]
    for (const answer of answers) expect(JSON.stringify(answer)).not.toMatch(/demo-staff|x-openid/)
  })
})
