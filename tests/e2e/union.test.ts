import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { inChina } from '../../shared/date'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { monthLabel } from '../../shared/union/dues'
import { DUES_IMPORT_COLUMNS } from '../../shared/union/exports'
import { creditCodeCheckChar } from '../../shared/union/creditCode'
import { h5AppForFile, STEP_MS } from './support/h5App'
import { walker } from './support/walker'

/**
 * Running a union from the phone (issue 12's proof), on the H5 build served by the seeded local cloud, by
 * tapping only from each person's home screen; the only addresses opened are the links a person gets in a
 * chat (the chair's and the approver's 任职邀请, the workers' 集体入会 link). Every screen is saved under
 * .tmp/screens/ and checked for controls a person could not read.
 *
 * 陈静 (望京街道工会联合会) registers a union (the form names a wrong check digit first) and invites its
 * chair; the chair, someone new to the app, accepts (the same link forwarded to 张建国 is spent), invites a
 * vice-chair and makes her the approver, and shares the 集体入会 link; a new worker opens it, fills her
 * profile and applies; the approver approves; the chair records the month's dues by tapping, then imports
 * last month's from an Excel file (a bad row first: named, nothing written); 陈静's 工作台 shows one
 * member more in her street and the month's dues.
 */
jest.setTimeout(600_000)

const { signedIn } = h5AppForFile()
const CODE = '91110105MA01E2E01' + creditCodeCheckChar('91110105MA01E2E01')
const WORKER_ID = '11010519950214002' + idCheckChar('11010519950214002')
const UNION = '北京测试走查有限公司工会'

/** The path of a link shown on the screen (what a person copies into a chat), for the one who opens it. */
const linkPath = async (page: Page, pattern: RegExp): Promise<string> => {
  const text = await page.getByText(pattern).filter({ visible: true }).first().textContent({ timeout: STEP_MS })
  const url = new URL(String(text).trim())
  return url.pathname + url.search
}
/** The 工作台 figure whose label matches, once it shows `number` (it reloads when its person comes back to 首页). */
const figure = (page: Page, label: RegExp, number?: string) => {
  const box = page
    .locator('.workbench__figure')
    .filter({ visible: true })
    .filter({ has: page.locator('.workbench__label', { hasText: label }) })
  return (number === undefined ? box : box.filter({ has: page.locator('.workbench__number', { hasText: new RegExp(`^${number.replace('.', '\\.')}$`) }) })).first()
}
const numberOf = async (page: Page, label: RegExp): Promise<string> => {
  const box = figure(page, label)
  await box.waitFor({ timeout: STEP_MS })
  return String(await box.locator('.workbench__number').textContent()).trim()
}

/** A dues sheet as a chair fills one in Excel: the header, then a member and a month a row. */
async function duesSheet(rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('会费')
  sheet.addRow([...DUES_IMPORT_COLUMNS])
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('建会 to the year’s first figures, by tapping, every screen readable', () => {
  let staff: Page
  let chair: Page
  let approver: Page
  let worker: Page
  let membersBefore = 0
  let acceptChair = ''
  let acceptApprover = ''
  let joinPath = ''
  /** one walker per person for the whole walk: its screens are numbered in the order that person saw them */
  const walkers = new Map<Page, ReturnType<typeof walker>>()
  const as = (page: Page, who: string) => {
    const found = walkers.get(page) ?? walker(page, who)
    walkers.set(page, found)
    return found
  }

  it('陈静, from her 工作台, registers a union under her street and invites its chair', async () => {
    staff = await signedIn('陈静')
    const w = as(staff, '建会-陈静')
    await w.screen('首页', '您好，陈静')
    membersBefore = Number(await numberOf(staff, /^会员人数$/))
    expect(membersBefore).toBeGreaterThan(0)
    expect(await numberOf(staff, /^本月下属工会会费$/)).toBe('未登记')
    await w.tap('工会管理 ›')
    await w.screen('街道工会主页', '登记新建基层工会')
    await w.press('登记新建基层工会')
    await w.screen('登记建会', '上级工会：望京街道工会联合会')
    await w.fill('name', UNION)
    await w.fill('employer', '北京测试走查有限公司')
    await w.fill('creditCode', CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0'))
    await w.fill('address', '北京市朝阳区望京街1号')
    await w.fill('region', '望京街道')
    await w.fill('industry', '信息技术')
    await w.fill('employeeCount', '40')
    await w.press('登记建会')
    await w.screen('校验码不对', /统一社会信用代码的最后一位校验码不对，请对照营业执照逐位核对/)
    await w.fill('creditCode', CODE)
    await w.press('登记建会')
    await w.screen('新工会主页', '邀请任职')
    await w.press('生成任职邀请')
    await w.screen('主席邀请', /accept\/index\?t=/)
    acceptChair = await linkPath(staff, /accept\/index\?t=/)
  })

  it('the chair, new to the app, accepts from the link; the same link forwarded to 张建国 is spent', async () => {
    chair = await signedIn('新用户')
    const w = as(chair, '建会-主席')
    await w.screen('首页', '您还没有加入工会')
    await chair.goto(acceptChair) // opened from the chat
    await w.screen('接受邀请', '接受邀请')
    await w.see('工会主席')
    await w.press('接受邀请')
    await w.screen('已接受', `您已成为${UNION}的工会主席`)
    const other = await signedIn('张建国')
    await other.goto(acceptChair)
    const f = as(other, '建会-转发')
    await f.screen('已被使用', '这个邀请已经被使用过了')
  })

  it('the chair invites a vice-chair, who accepts; the chair makes her the approver and shares the 集体入会 link', async () => {
    const w = as(chair, '建会-主席')
    await w.press('进入工会主页')
    await w.screen('工会主页', '集体入会邀请')
    // a chair invites vice-chairs and committee members; 工会副主席 is chosen first
    await w.see('✓ 工会副主席')
    await w.press('生成任职邀请')
    await w.see(/accept\/index\?t=/)
    acceptApprover = await linkPath(chair, /accept\/index\?t=/)

    approver = await signedIn('新用户')
    const a = as(approver, '建会-审批人')
    await a.screen('首页', '您还没有加入工会')
    await approver.goto(acceptApprover) // opened from the chat
    await a.see('工会副主席')
    await a.press('接受邀请')
    await a.screen('已接受', `您已成为${UNION}的工会副主席`)

    // the chair comes back to the app: home, her 工作台, the union's page with its new vice-chair
    await w.tap('‹ 返回')
    await w.see(`您已成为${UNION}的工会主席`)
    await w.tap('‹ 返回')
    await w.screen('首页', `${UNION} · 工作台`)
    await w.tap('工会管理 ›')
    // 审批人 per kind of request: the chair ticks 入会申请 for her vice-chair
    await w.screen('工会主页-副主席', '审批范围')
    // neither officer, new to the app, has a name on file: the page says so rather than showing only the title
    await w.see('未填写姓名（我）')
    await w.press('审批范围')
    await w.tap(/^入会申请$/)
    await w.screen('已设审批人', '审批：入会申请')
    await w.press('完成')
    joinPath = await linkPath(chair, /join\/index\?invite=/)
  })

  it('a worker opens the 集体入会 link, fills her profile and applies to that union; the approver approves', async () => {
    worker = await signedIn('新用户')
    const w = as(worker, '建会-职工')
    await w.screen('首页', '您还没有加入工会')
    await worker.goto(joinPath) // opened from the workplace's chat group
    await w.screen('入会-完善信息', '请先完善个人信息')
    await w.see(UNION)
    await w.press('去完善个人信息')
    await w.see('工会通个人信息保护说明')
    await w.tap('同意并继续')
    await w.fill('name', '赵小雨')
    await w.fill('phone', '13900000001')
    await w.fill('employer', '北京测试走查有限公司')
    await w.fill('job', '测试工程师')
    await w.tap('我单独同意工会为办理入会收集、使用我的身份证号')
    await w.fill('idNumber', WORKER_ID)
    await w.screen('个人信息', '保存')
    await w.press('保存')
    await w.screen('入会申请', '提交入会申请')
    await w.see(UNION)
    await w.fill('job', '测试工程师')
    await w.tap('我自愿加入中国工会，承认并遵守《中国工会章程》')
    await w.press('提交入会申请')
    await w.screen('已提交', /待审核/)

    const a = as(approver, '建会-审批人')
    await a.tap('‹ 返回')
    await a.screen('首页-待办', '待办审批')
    await a.tap('待办审批')
    await a.screen('待办', /赵\*雨申请入会/)
    await a.tap(/赵\*雨申请入会/)
    await a.screen('审批详情', '通过')
    await a.tap('通过')
    await a.tap('确认通过')
    // the page asks once more (Taro.showModal) before it sends the decision
    await approver.locator('.taro-model__confirm').tap()
    await a.screen('已通过', /已通过/)
  })

  it('the chair records the month’s dues from her 工作台', async () => {
    const w = as(chair, '建会-主席')
    await w.tap('‹ 返回')
    await w.screen('首页-会员', `${UNION} · 工作台`)
    await figure(chair, /^会员人数$/, '1').waitFor({ timeout: STEP_MS })
    expect(await numberOf(chair, /^本月会费$/)).toBe('未登记')
    await w.tap('本月会费')
    await w.screen('工会主页-会费', '会费登记（工资代扣）')
    await w.press('会员名册')
    await w.screen('会员名册', /^赵小雨 · 在册$/)
    await w.tap('‹ 返回')
    // exceptions are picked from the roster by name, never typed as a 会员编号
    await w.press('添加例外（免缴或未缴）')
    await w.screen('会费-选择会员', '选择会员（可按姓名或手机号查找）')
    await w.see('赵小雨')
    await w.press('不添加了')
    await w.fill('amountFen', '25.00')
    await w.press(/^\s*登记\d{4}年\d{1,2}月会费\s*$/)
    await w.screen('会费已登记', /会费：已缴1人，免缴0人，未缴0人，合计25\.00元/)
    await w.tap('‹ 返回')
    await w.screen('首页-会费', /会费（元），未缴0人$/)
    await figure(chair, /会费（元），未缴0人$/, '25.00').waitFor({ timeout: STEP_MS })
  })

  it('the chair imports last month’s dues from an Excel file: a bad row is named and nothing written, then the good file is recorded', async () => {
    const w = as(chair, '建会-主席')
    const last = inChina(new Date()).subtract(1, 'month').format('YYYY-MM')
    const lastPaid = new RegExp(`^\\s*${monthLabel(last)} · 已缴 25\\.00元\\s*$`)
    await w.tap('工会管理 ›')
    await w.screen('工会主页-导入', '从Excel导入会费')
    // her 会员编号 from the roster, as the chair copies it into the sheet; her page has this month's dues only
    await w.press('会员名册')
    await w.screen('会员名册-导入前', /^赵小雨 · 在册$/)
    const line = await chair.getByText(/ · .+入会$/).filter({ visible: true }).first().textContent({ timeout: STEP_MS })
    const memberNo = String(line).split(' · ')[0].trim()
    expect(memberNo).toMatch(/^\S+$/)
    await w.tap(/^赵小雨 · 在册$/)
    await w.screen('会员详情-导入前', '会费记录')
    await w.see(/ · 已缴 25\.00元\s*$/)
    expect(await chair.getByText(lastPaid).filter({ visible: true }).count()).toBe(0)
    // each page back once the one before it has come back (a 返回 tapped mid-transition is gone)
    await w.tap('‹ 返回')
    await w.see(/^赵小雨 · 在册$/)
    await w.tap('‹ 返回')
    await w.see('从Excel导入会费')

    // the H5 file chooser, answered with a sheet made here
    const choose = async (name: string, rows: Array<Array<string | number>>) => {
      const [chooser] = await Promise.all([chair.waitForEvent('filechooser', { timeout: STEP_MS }), w.press('选择Excel文件导入')])
      await chooser.setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await duesSheet(rows) })
    }
    await choose('会费-有错.xlsx', [
      [memberNo, '赵小雨', last, 25, '已缴', ''],
      ['GH99999999', '王五', last, 25, '已缴', ''],
    ])
    await w.screen('导入-有错', /第3行会员编号：会员编号GH99999999不在本工会名册中/)
    await w.see(/没有导入任何记录/)
    // the good file names the same month: had the bad one written anything, this month would be refused as recorded twice
    await choose('会费.xlsx', [[memberNo, '赵小雨', last, '25.00', '已缴', '']])
    await w.screen('导入-成功', `${monthLabel(last)}：已缴1人，免缴0人，未缴0人，合计25.00元`)
    expect(await chair.getByText(/第3行/).filter({ visible: true }).count()).toBe(0)

    // her page now has last month too
    await w.press('会员名册')
    await w.tap(/^赵小雨 · 在册$/)
    await w.see(lastPaid)
    // the 会费记录 card sits below the fold: the saved screen shows it
    await chair.getByText(lastPaid).filter({ visible: true }).first().scrollIntoViewIfNeeded()
    await w.screen('会员详情-导入后', lastPaid)
    await w.tap('‹ 返回')
    await w.see(/^赵小雨 · 在册$/)
    await w.tap('‹ 返回')
    await w.see('从Excel导入会费')
    await w.tap('‹ 返回')
    await w.screen('首页-导入后', `${UNION} · 工作台`)
  })

  it('陈静 comes back to her 工作台: one member more in her street, and the month’s dues', async () => {
    const w = as(staff, '建会-陈静')
    await w.tap('‹ 返回')
    await w.see('上级工会：望京街道工会联合会')
    await w.tap('‹ 返回')
    await w.see('登记新建基层工会')
    await w.tap('‹ 返回')
    await w.screen('首页-变化', /个工会已登记$/)
    await figure(staff, /^会员人数$/, String(membersBefore + 1)).waitFor({ timeout: STEP_MS })
    await figure(staff, /会费（元），1个工会已登记$/, '25.00').waitFor({ timeout: STEP_MS })
    // the offices she holds, from 我的
    await w.tapTab('我的')
    await w.tap('工会管理')
    await w.screen('工会管理', '望京街道工会联合会')
    await w.tap('进入 ›')
    await w.screen('街道工会主页-回来', '登记新建基层工会')
  })

  it('every screen of the walk was readable', () => {
    expect([...walkers.values()].flatMap((w) => w.problems)).toEqual([])
  })
})
