import type { Page } from 'playwright-core'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { creditCodeCheckChar } from '../../shared/union/creditCode'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'

/**
 * Running a union from the phone, on the H5 build served by the seeded local cloud: 陈静 registers a
 * union and invites its chair; the chair (王芳) accepts, appoints 张建国 vice-chair and makes him an
 * approver, and shares the collective join link; 李强 joins through it and 张建国 approves; the chair
 * records the month's dues; 陈静's 工作台 shows one more member in her street.
 */
jest.setTimeout(240_000)

const { signedIn } = h5AppForFile()
const byName = pageActions({ field: 'name', visibleOnly: true })
const byPlaceholder = pageActions({ field: 'placeholder', visibleOnly: false })
const { tapText, see } = byName
const CODE = '91110105MA01E2E01' + creditCodeCheckChar('91110105MA01E2E01')
const LIQIANG_ID = '41272419900307001' + idCheckChar('41272419900307001')
const tapButton = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text }).filter({ visible: true }).first().tap()
const linkPath = async (page: Page, pattern: RegExp): Promise<string> => {
  const text = await page.getByText(pattern).filter({ visible: true }).first().textContent({ timeout: STEP_MS })
  const url = new URL(String(text).trim())
  return url.pathname + url.search
}
const membersShown = async (page: Page): Promise<number> => {
  const figure = page.locator('.workbench__figure', { hasText: '会员人数' }).first()
  await figure.waitFor({ timeout: STEP_MS })
  return Number(await figure.locator('.workbench__number').textContent())
}

describe('建会 to 会费 in the browser', () => {
  let staff: Page
  let chair: Page
  let unionPage = ''
  let membersBefore = 0

  it('陈静 sees her 工作台, registers a union under her street and invites its chair', async () => {
    staff = await signedIn('陈静')
    membersBefore = await membersShown(staff)
    await staff.goto('/packages/admin/register/index?parentId=u-street-wangjing')
    await see(staff, '上级工会：望京街道工会联合会')
    await byName.fill(staff, 'name', '北京测试走查有限公司工会')
    await byName.fill(staff, 'employer', '北京测试走查有限公司')
    await byName.fill(staff, 'creditCode', CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0'))
    await byName.fill(staff, 'address', '北京市朝阳区望京街1号')
    await byName.fill(staff, 'region', '望京街道')
    await byName.fill(staff, 'industry', '信息技术')
    await byName.fill(staff, 'employeeCount', '40')
    await tapButton(staff, '登记建会')
    await see(staff, '统一社会信用代码的最后一位校验码不对，请对照营业执照逐位核对')
    await byName.fill(staff, 'creditCode', CODE)
    await tapButton(staff, '登记建会')
    await see(staff, '邀请任职')
    unionPage = new URL(staff.url()).pathname + new URL(staff.url()).search
    await tapButton(staff, '生成任职邀请')
    const accept = await linkPath(staff, /accept\/index\?t=/)

    chair = await signedIn('王芳')
    await chair.goto(accept)
    await see(chair, '工会主席')
    await tapButton(chair, '接受邀请')
    await see(chair, '您已成为北京测试走查有限公司工会的工会主席')
    // the same link forwarded to someone else is spent
    const other = await signedIn('张建国')
    await other.goto(accept)
    await see(other, '这个邀请已经被使用过了')
  })

  it('the chair appoints 张建国 vice-chair and approver, and shares the collective join link', async () => {
    await chair.goto(unionPage)
    await see(chair, '工会干部')
    await tapText(chair, '工会副主席')
    await tapButton(chair, '生成任职邀请')
    const accept = await linkPath(chair, /accept\/index\?t=/)
    const vice = await signedIn('张建国')
    await vice.goto(accept)
    await tapButton(vice, '接受邀请')
    await see(vice, /工会副主席$/)
    await chair.goto(unionPage)
    await tapButton(chair, '设为审批人')
    await see(chair, /工会副主席 · 审批人/)
    const join = await linkPath(chair, /membership\/join\/index\?invite=/)

    const worker = await signedIn('李强')
    await worker.goto('/packages/membership/profile/index')
    await byPlaceholder.see(worker, '工会通个人信息保护说明')
    await byPlaceholder.tapText(worker, '同意并继续')
    await byPlaceholder.fill(worker, '请填写身份证上的姓名', '李强')
    await byPlaceholder.fill(worker, '11位手机号', '13800000000')
    await byPlaceholder.fill(worker, '请填写单位全称', '北京测试走查有限公司')
    await byPlaceholder.fill(worker, '如：钢筋工、外卖骑手', '测试员')
    await byPlaceholder.tapText(worker, '我单独同意工会为办理入会收集、使用我的身份证号')
    await byPlaceholder.fill(worker, '18位，最后一位可能是X', LIQIANG_ID)
    await byPlaceholder.tapText(worker, '保存')
    await byPlaceholder.see(worker, /^已保存/)
    await worker.goto(join)
    await see(worker, '北京测试走查有限公司工会')
    await tapText(worker, '我自愿加入中国工会，承认并遵守《中国工会章程》')
    await tapText(worker, '提交入会申请')
    await see(worker, '待审核')

    await vice.goto('/packages/review/index')
    await tapText(vice, '李*申请入会')
    await tapText(vice, '通过')
    await tapText(vice, '确认通过')
    await vice.locator('.taro-model__confirm').tap()
    await see(vice, '已通过')
  })

  it('the chair records the month\'s dues and 陈静 sees one more member in her street', async () => {
    await chair.goto(unionPage)
    await see(chair, '会员人数：1人')
    await byName.fill(chair, 'amountFen', '25')
    await tapButton(chair, '登记本月会费')
    await see(chair, /已缴1人，免缴0人，未缴0人，合计25\.00元/)
    await chair.goto('/pages/home/index')
    await see(chair, /会费（元），未缴0人/)

    await staff.goto('/pages/home/index')
    await staff.waitForFunction(
      (before) => Number(document.querySelector('.workbench__figure .workbench__number')?.textContent ?? 'NaN') >= 0 && before >= 0,
      membersBefore,
      { timeout: STEP_MS },
    )
    expect(await membersShown(staff)).toBe(membersBefore + 1)
  })
})
