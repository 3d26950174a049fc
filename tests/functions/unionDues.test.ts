import { z } from 'zod'
import { inChina } from '../../shared/date'
import { unionActions } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { role } from '../helpers/roles'
import { adminDb } from './adminDb'

// each test makes several calls through the compiled function; a loaded 2-core machine needs more than 5 s
jest.setTimeout(60_000)

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
}, 60_000)
afterAll(() => cloud.cleanup())

const thisMonth = inChina(new Date()).format('YYYY-MM')
const lastMonth = inChina(new Date()).subtract(1, 'month').format('YYYY-MM')
const label = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`
// u-build's roster in the seed: 张建国 GH00000001, 刘洋 GH00000002, 周健 GH00000006
const record = (openid: string, input: Record<string, unknown>) => cloud.callAs(openid, 'union', 'recordDues', { unionId: 'u-build', amountFen: 2500, ...input })

describe('会费', () => {
  it('records a month for the whole roster with a hardship exemption; each member sees 已缴至 and her history', async () => {
    const done = dataOf(await cloud.callAction('demo-chair', unionActions.recordDues, { unionId: 'u-build', month: lastMonth, amountFen: 2500, exceptions: [{ memberNo: 'GH00000002', status: 'exempt', reason: '困难职工，工会批准减免' }] }))
    expect(done).toEqual({ month: lastMonth, paid: 2, exempt: 1, unpaid: 0, totalFen: 5000 })
    const mine = dataOf(await cloud.callAction('demo-chair', unionActions.myDues, {}))
    expect(mine.paidThrough).toBe(label(lastMonth))
    expect(mine.history).toEqual([{ month: lastMonth, monthLabel: label(lastMonth), unionName: '北京某建筑工程有限公司工会', amountFen: 2500, status: 'paid', statusLabel: '已缴' }])
    expect(dataOf(await cloud.callAction('demo-worker', unionActions.myDues, {}))).toEqual({ paidThrough: null, exemption: null, history: [] })
    expect((await adminDb().find('union_history', { unionId: 'u-build', action: 'record_dues' })).length).toBe(1)
  })

  it('refuses a month recorded twice, naming the month, and keeps the first record', async () => {
    const error = errorOf(await record('demo-chair', { month: lastMonth }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: `${label(lastMonth)}的会费已经登记过了，不能重复登记`, fields: { month: '这个月已登记' } })
    const [stored] = await adminDb().find('union_dues', { unionId: 'u-build', month: lastMonth })
    expect(stored.totalFen).toBe(5000)
  })

  it('refuses an exception for someone not on the roster or named twice, a future month, a malformed month, and writes nothing', async () => {
    const before = await adminDb().count('union_dues')
    const stranger = errorOf(await record('demo-chair', { month: thisMonth, exceptions: [{ memberNo: 'GH00000003', status: 'unpaid', reason: '未发工资' }] }))
    expect(stranger).toMatchObject({ code: 'INVALID_INPUT', message: '第1条例外：会员编号GH00000003不在本工会名册中', fields: { 'exceptions.0.memberNo': '不在本工会名册中' } })
    const twice = errorOf(await record('demo-chair', { month: thisMonth, exceptions: [{ memberNo: 'GH00000001', status: 'unpaid', reason: '未发工资' }, { memberNo: 'GH00000001', status: 'exempt', reason: '困难职工' }] }))
    expect(twice.fields).toEqual({ 'exceptions.1.memberNo': '重复' })
    const future = inChina(new Date()).add(2, 'month').format('YYYY-MM')
    expect(errorOf(await record('demo-chair', { month: future })).fields).toEqual({ month: '不能登记以后的月份' })
    expect(errorOf(await record('demo-chair', { month: '2025-13' })).fields?.month).toBe('月份格式应为 2025-03')
    expect(await adminDb().count('union_dues')).toBe(before)
  })

  it('refuses every wrong role: members, federation staff, another union\'s chair, strangers', async () => {
    for (const openid of ['demo-worker', 'demo-staff', 'demo-migrant', 'nobody']) expect(errorOf(await record(openid, { month: thisMonth })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAs('demo-chair', 'union', 'recordDues', { unionId: 'u-tech', month: thisMonth, amountFen: 100 })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAs('', 'union', 'myDues', {})).code).toBe('UNAUTHENTICATED')
  })
})

describe('工作台', () => {
  it('shows the chair what waits by kind, her members, and this month\'s dues once recorded', async () => {
    const before = dataOf(await cloud.callAction('demo-chair', unionActions.workbench, { unionId: 'u-build' }))
    const pending = await adminDb().count('requests', { reviewUnionId: 'u-build', closedAt: null })
    expect(before.waiting.reduce((n, w) => n + w.count, 0)).toBe(pending)
    expect(before.waiting.map((w) => w.label)).toContain('入会申请')
    expect(before.members).toBe(await adminDb().count('memberships', { unionId: 'u-build', status: 'active' }) + (await adminDb().count('memberships', { unionId: 'u-build', status: 'retained' })))
    expect(before.dues).toBeNull()
    dataOf(await cloud.callAction('demo-chair', unionActions.recordDues, { unionId: 'u-build', month: thisMonth, amountFen: 3000, exceptions: [{ memberNo: 'GH00000006', status: 'unpaid', reason: '本月未发工资' }] }))
    const after = dataOf(await cloud.callAction('demo-chair', unionActions.workbench, { unionId: 'u-build' }))
    expect(after.dues).toEqual({ month: thisMonth, monthLabel: label(thisMonth), paid: 2, unpaid: 1, totalFen: 6000 })
  })

  it('gives federation staff their subtree and refuses members and strangers', async () => {
    const street = dataOf(await cloud.callAction('demo-staff', unionActions.workbench, { unionId: 'u-street-wangjing' }))
    expect(street.subtree).toBe(true)
    expect(street.members).toBe((await adminDb().find('memberships', { unionPath: 'u-street-wangjing' })).filter((m) => m.status === 'active' || m.status === 'retained').length)
    for (const openid of ['demo-worker', 'demo-migrant']) expect(errorOf(await cloud.callAction(openid, unionActions.workbench, { unionId: 'u-build' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-chair', unionActions.workbench, { unionId: 'u-street-wangjing' })).code).toBe('FORBIDDEN')
  })

  it('gives federation staff the month\'s dues of the unions under them, equal to the unions\' own records', async () => {
    await cloud.db.seed({ roles: [role('dues-tech-chair', 'u-tech', 'chair', ['u-district', 'u-street-wangjing', 'u-tech'])] })
    dataOf(await cloud.callAction('dues-tech-chair', unionActions.recordDues, { unionId: 'u-tech', month: thisMonth, amountFen: 2000 }))
    const fromRecords = (await adminDb().find('union_dues', { unionPath: 'u-street-wangjing', month: thisMonth })).map((d) => z.object({ totalFen: z.number() }).parse(d).totalFen)
    expect(fromRecords.length).toBe(2)
    const street = dataOf(await cloud.callAction('demo-staff', unionActions.workbench, { unionId: 'u-street-wangjing' }))
    expect(street.dues).toMatchObject({ month: thisMonth, unions: 2, totalFen: fromRecords.reduce((a, b) => a + b, 0) })
    // the district above the street keeps the same sums; another street's staff see none of it
    await cloud.db.seed({ roles: [role('dues-district-staff', 'u-district', 'staff', ['u-district']), role('dues-jxq-staff', 'u-street-jiuxianqiao', 'staff', ['u-district', 'u-street-jiuxianqiao'])] })
    expect(dataOf(await cloud.callAction('dues-district-staff', unionActions.workbench, { unionId: 'u-district' })).dues).toEqual(street.dues)
    expect(dataOf(await cloud.callAction('dues-jxq-staff', unionActions.workbench, { unionId: 'u-street-jiuxianqiao' })).dues).toBeNull()
  })
})
