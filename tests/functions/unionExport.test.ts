import ExcelJS from 'exceljs'
import { accountActions } from '../../shared/account/actions'
import { inChina } from '../../shared/date'
import { DUES_IMPORT_COLUMNS, IMPORT_CHUNK_BYTES, unionExportActions } from '../../shared/union'
import { dataOf, errorOf } from '../helpers/envelopes'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { role } from '../helpers/roles'
import { adminDb } from './adminDb'

// an export or import is several calls through the compiled function and an Excel file each way
jest.setTimeout(120_000)

const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const COMMITTEE = 'committee-build'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true })
  await cloud.db.seed({ roles: [role(COMMITTEE, 'u-build', 'committee', BUILD_PATH)] })
}, 90_000)
afterAll(() => cloud.cleanup())

const month = (back: number) => inChina(new Date()).subtract(back, 'month').format('YYYY-MM')
const label = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`

async function sheetRows(url: string): Promise<string[][]> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
  const rows: string[][] = []
  book.worksheets[0].eachRow((row) => rows.push((Array.isArray(row.values) ? row.values.slice(1) : []).map((v) => (v === null || v === undefined ? '' : String(v)))))
  return rows
}

async function xlsx(rows: Array<Array<string | number>>, header: readonly string[] = DUES_IMPORT_COLUMNS): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('会费')
  sheet.addRow([...header])
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** What the page does: a slot, the file in base64 chunks, then the import. */
async function importFile(openid: string, file: Buffer) {
  const slot = await cloud.callAction(openid, unionExportActions.startImport, { unionId: 'u-build', size: file.length })
  if (!slot.ok) return slot
  const { importId, chunkCount } = slot.data
  for (let index = 0; index < chunkCount; index++) {
    dataOf(await cloud.callAction(openid, unionExportActions.importChunk, { importId, index, data: file.subarray(index * IMPORT_CHUNK_BYTES, (index + 1) * IMPORT_CHUNK_BYTES).toString('base64') }))
  }
  return cloud.callAction(openid, unionExportActions.importDues, { importId })
}

describe('导出会员名册', () => {
  it('exports the chair\'s roster masked by default, and recorded in the union\'s history', async () => {
    const done = dataOf(await cloud.callAction('demo-chair', unionExportActions.exportRoster, { unionId: 'u-build' }))
    expect(done).toMatchObject({ rows: 3, full: false })
    const rows = await sheetRows(done.url)
    expect(rows[2]).toEqual(['序号', '会员编号', '姓名', '性别', '手机号', '身份证号', '就业方式', '农民工', '工作单位', '所在工会', '会籍状态', '入会时间', '本会起始', '拟除名', '会费'])
    const liu = rows.find((r) => r[2] === '刘洋')
    expect(liu?.[4]).toBe('139****0005')
    expect(liu?.[5]).toMatch(/^\d{4}\*+\d{3}[\dX]$/)
    // 农民工 as the stint carries it: 刘洋 and 周健 answered 是 when they joined, 张建国 否
    const migrant = Object.fromEntries(rows.slice(3).map((r) => [String(r[2]), r[7]]))
    expect(migrant).toEqual({ 张建国: '否', 刘洋: '是', 周健: '是' })
    expect(liu?.[8]).toBe('北京某建筑工程有限公司')
    expect(rows.flat().join('|')).not.toMatch(/13900000005/)
    expect(await adminDb().count('union_history', { unionId: 'u-build', action: 'export_roster' })).toBe(1)
  })

  it('gives full numbers only to those allowed, each member\'s full view in the audit log she reads', async () => {
    expect(errorOf(await cloud.callAction(COMMITTEE, unionExportActions.exportRoster, { unionId: 'u-build', full: true }))).toMatchObject({ code: 'FORBIDDEN', fields: { full: '您只能导出隐去部分号码的名册' } })
    expect(await adminDb().count('audit_log', { action: 'export' })).toBe(0)
    expect(dataOf(await cloud.callAction(COMMITTEE, unionExportActions.exportRoster, { unionId: 'u-build' })).full).toBe(false)
    const full = dataOf(await cloud.callAction('demo-chair', unionExportActions.exportRoster, { unionId: 'u-build', full: true }))
    const liu = (await sheetRows(full.url)).find((r) => r[2] === '刘洋')
    expect(liu?.[4]).toBe('13900000005')
    expect(liu?.[5]).not.toContain('*')
    expect(await adminDb().count('audit_log', { action: 'export', actorOpenid: 'demo-chair' })).toBe(3)
    const log = dataOf(await cloud.callAction('seed-liuyang', accountActions.myAccessLog, { limit: 10 }))
    expect(log.items.map((i) => i.what)).toContain('导出的名单')
  })

  it('gives federation staff the subtree and refuses members, strangers, another union\'s chair and a chair asking for a subtree', async () => {
    const street = dataOf(await cloud.callAction('demo-staff', unionExportActions.exportRoster, { unionId: 'u-street-wangjing', subtree: true }))
    expect(street.rows).toBe(await adminDb().count('memberships', { unionPath: 'u-street-wangjing' }))
    for (const openid of ['demo-worker', 'demo-migrant', 'seed-liuyang', 'nobody']) expect(errorOf(await cloud.callAction(openid, unionExportActions.exportRoster, { unionId: 'u-build' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-chair', unionExportActions.exportRoster, { unionId: 'u-tech' })).code).toBe('FORBIDDEN')
    expect(errorOf(await cloud.callAction('demo-chair', unionExportActions.exportRoster, { unionId: 'u-build', subtree: true })).code).toBe('FORBIDDEN')
  })
})

describe('导入会费', () => {
  const two = month(2)
  const one = month(1)

  it('records every month the file names for the whole roster, the ones it leaves out 未缴', async () => {
    const file = await xlsx([
      ['GH00000001', '张建国', two, 25, '已缴', ''],
      ['GH00000002', '刘洋', two, 0, '免缴', '困难职工'],
      ['GH00000006', '周健', two, '25.00', '已缴', ''],
      ['GH00000001', '张建国', label(one), 25, '已缴', ''],
      ['GH00000002', '', one, '', '未缴', '未发工资'],
    ])
    const done = dataOf(await importFile('demo-chair', file))
    expect(done).toEqual({
      rows: 5,
      months: [
        { month: two, monthLabel: label(two), paid: 2, exempt: 1, unpaid: 0, unlisted: 0, totalFen: 5000 },
        { month: one, monthLabel: label(one), paid: 1, exempt: 0, unpaid: 2, unlisted: 1, totalFen: 2500 },
      ],
    })
    const [stored] = await adminDb().find('union_dues', { unionId: 'u-build', month: one })
    expect(stored.lines).toContainEqual({ memberNo: 'GH00000006', amountFen: 0, status: 'unpaid', reason: '导入表中未列出' })
    expect(await adminDb().count('union_import_chunks')).toBe(0)
  })

  it('refuses a month recorded already, naming the row, and writes nothing of the file', async () => {
    const before = await adminDb().count('union_dues')
    const file = await xlsx([
      ['GH00000001', '张建国', month(0), 25, '已缴', ''],
      ['GH00000001', '张建国', one, 25, '已缴', ''],
    ])
    const error = errorOf(await importFile('demo-chair', file))
    expect(error).toMatchObject({ code: 'CONFLICT', message: `第3行起：${label(one)}的会费已经登记过了，不能重复导入，整个文件没有导入`, fields: { row3: `月份：${label(one)}已登记` } })
    expect(await adminDb().count('union_dues')).toBe(before)
  })

  it('names every bad row and field: unknown people, a wrong name, duplicates, bad months, amounts and states; nothing is written', async () => {
    const before = await adminDb().count('union_dues')
    const file = await xlsx([
      ['GH00000003', '王芳', month(0), 25, '已缴', ''],
      ['GH00000002', '李四', month(0), 25, '已缴', ''],
      ['GH00000006', '周健', month(0), 25, '已缴', ''],
      ['GH00000006', '周健', month(0), 25, '已缴', ''],
      ['GH00000001', '张建国', '三月', 25, '已缴', ''],
      ['GH00000001', '张建国', month(-2), 25, '已缴', ''],
      ['GH00000001', '张建国', month(0), 'abc', '已缴', ''],
      ['GH00000001', '张建国', month(0), 0, '欠费', ''],
    ])
    const error = errorOf(await importFile('demo-chair', file))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.fields).toEqual({
      row2: '会员编号：会员编号GH00000003不在本工会名册中',
      row3: '姓名：会员编号GH00000002的姓名与名册不符（表中为「李四」）',
      row5: '会员编号：会员编号GH00000006的' + label(month(0)) + '会费与第4行重复',
      row6: '月份：月份「三月」看不懂，请写成 2025-03',
      row7: `月份：${label(month(-2))}还没到，不能登记`,
      row8: '金额（元）：金额「abc」不是有效的金额',
      row9: '状态：状态「欠费」应为 已缴、免缴 或 未缴',
    })
    expect(error.message).toMatch(/^表格有7处需要改正，没有导入任何记录：第2行会员编号：会员编号GH00000003不在本工会名册中；/)
    expect(await adminDb().count('union_dues')).toBe(before)
  })

  it('refuses wrong columns, 10,000 rows and a file that is not Excel, each in words', async () => {
    const columns = errorOf(await importFile('demo-chair', await xlsx([['GH00000001', '张建国', month(0), 25, '已缴', '']], ['会员编号', '姓名', '月份', '金额', '状态', '备注'])))
    expect(columns).toMatchObject({ code: 'INVALID_INPUT', fields: { header: '第4列应为「金额（元）」' } })
    expect(columns.message).toBe('第1行表头第4列应为「金额（元）」，现在是「金额」。表头应为：会员编号、姓名、月份、金额（元）、状态、备注')
    const many = await xlsx(Array.from({ length: 10_000 }, (_, i) => [`GH${String(i + 1).padStart(8, '0')}`, '某某', month(0), 25, '已缴', '']))
    expect(errorOf(await importFile('demo-chair', many))).toMatchObject({ code: 'INVALID_INPUT', message: '表格有10000行会费记录，一次最多导入5000行，请分成几个文件导入' })
    expect(errorOf(await importFile('demo-chair', Buffer.from('会员编号,姓名\nGH00000001,张建国\n')))).toMatchObject({ code: 'INVALID_INPUT', fields: { file: '不是.xlsx文件' } })
    expect(errorOf(await importFile('demo-chair', await xlsx([])))).toMatchObject({ fields: { file: '没有会费记录' } })
    // 10,000 rows are written, uploaded in chunks and read by the function: a busy machine takes a while
  }, 240_000)

  it('refuses every wrong role, and someone else\'s upload', async () => {
    for (const openid of ['demo-staff', COMMITTEE, 'demo-worker', 'seed-liuyang', 'nobody']) {
      expect(errorOf(await cloud.callAction(openid, unionExportActions.startImport, { unionId: 'u-build', size: 100 })).code).toBe('FORBIDDEN')
    }
    const { importId } = dataOf(await cloud.callAction('demo-chair', unionExportActions.startImport, { unionId: 'u-build', size: 100 }))
    expect(errorOf(await cloud.callAction('demo-staff', unionExportActions.importChunk, { importId, index: 0, data: 'AAAA' })).code).toBe('NOT_FOUND')
    expect(errorOf(await cloud.callAction('demo-staff', unionExportActions.importDues, { importId })).code).toBe('NOT_FOUND')
    expect(errorOf(await cloud.callAs('demo-chair', 'unionExport', 'startImport', { unionId: 'u-build', size: 3 * 1024 * 1024 })).fields).toEqual({ size: '文件超过2MB，请确认选的是会费表格' })
  })
})
