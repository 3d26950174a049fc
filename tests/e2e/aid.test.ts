import { mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { deflateSync } from 'zlib'
import { z } from 'zod'
import type { Page } from 'playwright-core'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { AidConfigDoc } from '../../shared/aid/config'
import { adminDb } from '../functions/adminDb'
import { h5AppForFile, pageActions, STEP_MS } from './support/h5App'
import { aidPeopleSeed } from '../helpers/aidPeople'
import { withLocalPrivacyKeys } from '../../server/privacy/devEnv'

/**
 * 金秋助学 end to end on the H5 build (`NODE_ENV=production npx taro build --type h5`), served by the
 * local cloud with dev sign-in: 李强 runs the eligibility check, applies for his son with a photo of the
 * admission letter, 张建国 visits and approves, 陈静 approves, the public notice shows 李*, the notice
 * ends, 陈静 records the payment and 李强 sees it paid.
 */
const LI_ID = '11010519780101123' + idCheckChar('11010519780101123')
const LI_CARD = '622202020011234567' + luhnCheckDigit('622202020011234567')
const CHILD_ID = '11010520080315123' + idCheckChar('11010520080315123')
const CHILD_NAME = '李明远'

jest.setTimeout(240_000)

const app = h5AppForFile()
let letterPath = ''

/** A real (tiny) PNG the browser can draw on a canvas: an "admission letter" 240×160, red on white. */
function pngFile(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const width = 240
  const height = 160
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour RGB
  const rows = Buffer.alloc((width * 3 + 1) * height, 0xff)
  for (let y = 0; y < height; y++) {
    rows[y * (width * 3 + 1)] = 0
    for (let x = 20; x < 220; x++) if (y > 20 && y < 40) rows.writeUIntBE(0xc8161d, y * (width * 3 + 1) + 1 + x * 3, 3)
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

beforeAll(async () => {
  const cloud = app.cloud()
  const db = adminDb()
  // 李强 joined his employer's union (the membership flow is tested on its own)
  if ((await db.count('roles', { openid: 'demo-migrant', unionId: 'u-build', role: 'member' })) === 0) {
    await cloud.db.seed({
      roles: [{ _id: 'r-aid-e2e-demo-migrant', openid: 'demo-migrant', unionId: 'u-build', role: 'member', unionPath: ['u-district', 'u-street-wangjing', 'u-build'], grantedAt: new Date('2024-06-01T02:00:00Z'), grantedBy: 'seed' }],
    })
  }
  // his member profile holds his ID number (an aid applicant is the profile, not a typed number)
  if ((await db.count('member_profiles', { _id: 'demo-migrant' })) === 0) {
    await cloud.db.seed(withLocalPrivacyKeys(() => aidPeopleSeed([{ openid: 'demo-migrant', name: '李强', idNumber: LI_ID }])))
  }
  // the district opens 金秋助学 today (the demo window is 7月1日至8月27日)
  const config = AidConfigDoc.parse((await db.find('aid_config', { _id: 'u-district' }))[0])
  await db.db
    .collection('aid_config')
    .doc('u-district')
    .update({ data: { schemes: config.schemes.map((s) => (s.code === 'school' ? { ...s, window: null } : s)) } })
  letterPath = join(mkdtempSync(join(tmpdir(), 'aid-e2e-')), '录取通知书.png')
  writeFileSync(letterPath, pngFile())
})
const { signedIn } = app

const { tapText, fill, see } = pageActions({ field: 'placeholder', visibleOnly: false })
/** Taro renders <Textarea> as <taro-textarea-core> around a real <textarea>: type into that. */
const fillText = (page: Page, placeholder: string, value: string) => page.locator(`taro-textarea-core[placeholder="${placeholder}"] textarea`).first().fill(value)

describe('aid · 金秋助学 in the browser: check, apply with a photo, two approvals, 公示, paid', () => {
  let migrant: Page
  let detailUrl = ''

  it('李强 runs the eligibility check and reads why he qualifies', async () => {
    migrant = await signedIn('李强')
    await migrant.goto('/packages/aid/index')
    await see(migrant, '第二步：测一测能申请什么')
    await tapText(migrant, '第二步：测一测能申请什么')
    await see(migrant, '深度困难')
    await see(migrant, /每人每月862\.50元/)
    await see(migrant, /为18岁的孩子（大学本科）申请金秋助学/)
  })

  it('李强 applies for his son: separate consent, a draft that survives a restart and a lost network, a compressed photo of the admission letter', async () => {
    await tapText(migrant, /为18岁的孩子（大学本科）申请金秋助学/)
    await see(migrant, '敏感个人信息单独同意')
    await tapText(migrant, '我已阅读，单独同意')
    await migrant.getByText('敏感个人信息单独同意').waitFor({ state: 'detached', timeout: STEP_MS })
    await fill(migrant, '身份证上的姓名', '李强')
    await fill(migrant, '18位，最后一位可能是X', LI_ID)
    await fill(migrant, '11位手机号', '13800138000')
    await fill(migrant, '例如：中国工商银行望京支行', '中国工商银行望京支行')
    await fill(migrant, '帮扶款打到本人实名银行卡', LI_CARD)
    await fill(migrant, '孩子身份证上的姓名', CHILD_NAME)
    await fill(migrant, '用来核对每个孩子每年只资助一次', CHILD_ID)
    await fill(migrant, '例如：北京某大学', '北京某大学')
    // the app is killed and opened again: the draft is still there
    await migrant.reload()
    await see(migrant, '上学的孩子')
    // the draft opens once the phone knows who is signed in
    await migrant.waitForFunction(() => document.querySelector<HTMLInputElement>('taro-input-core[placeholder="例如：北京某大学"] input')?.value === '北京某大学', undefined, { timeout: STEP_MS })
    // full ID and bank card numbers are never kept on the phone: they are typed again
    expect(await migrant.locator('taro-input-core[placeholder="18位，最后一位可能是X"] input').first().inputValue()).toBe('')
    expect(JSON.stringify(await migrant.evaluate(() => ({ ...window.localStorage })))).not.toContain(LI_ID)
    await fill(migrant, '18位，最后一位可能是X', LI_ID)
    await fill(migrant, '帮扶款打到本人实名银行卡', LI_CARD)
    await fill(migrant, '用来核对每个孩子每年只资助一次', CHILD_ID)
    const [chooser] = await Promise.all([migrant.waitForEvent('filechooser', { timeout: STEP_MS }), tapText(migrant, '拍照或选择照片：录取通知书或学生证')])
    await chooser.setFiles(letterPath)
    await see(migrant, '✓ 已上传')
    // the network drops as he taps submit: he is told, nothing is lost, and the next tap goes through
    await migrant.context().setOffline(true)
    await tapText(migrant, '提交申请')
    await see(migrant, /网络不通，没能提交/)
    await migrant.context().setOffline(false)
    await tapText(migrant, '提交申请')
    await migrant.waitForURL(/\/packages\/aid\/detail\/index\?id=/, { timeout: STEP_MS })
    await see(migrant, '待初审')
    detailUrl = new URL(migrant.url()).pathname + new URL(migrant.url()).search
    const uploads = await adminDb().find('aid_uploads', { forOpenid: 'demo-migrant', status: 'done' })
    expect(uploads).toHaveLength(1)
    // compressed on the phone: re-encoded as JPEG by the canvas
    expect(z.object({ contentType: z.string() }).parse(uploads[0]).contentType).toBe('image/jpeg')
  })

  it('张建国 records the home visit and approves (初审)', async () => {
    const chair = await signedIn('张建国')
    await chair.goto(detailUrl)
    await see(chair, '入户调查（初审通过前必须填写）')
    expect(await chair.content()).not.toContain(LI_ID)
    expect(await chair.content()).not.toContain(CHILD_NAME)
    await fillText(chair, '住房、收入、病情等是否属实', '入户查看，租住工地宿舍，妻子慢性病长期服药，情况属实。')
    await tapText(chair, '保存入户调查')
    await see(chair, /入户调查（.*张建国）/)
    await tapText(chair, '审核通过')
    await tapText(chair, '确认通过')
    await see(chair, '审核中')
  })

  it('陈静 approves for the street federation (审批): the 公示 opens', async () => {
    const staff = await signedIn('陈静')
    await staff.goto(detailUrl)
    await see(staff, '当前环节：工会联合会审批')
    await tapText(staff, '审核通过')
    await tapText(staff, '确认通过')
    await see(staff, '公示中')
  })

  it('the public notice shows 李*, the unit, the scheme and the amount — nothing else', async () => {
    await migrant.goto('/packages/aid/notices/index')
    await see(migrant, '李* · 金秋助学 · 4,000元')
    await see(migrant, '北京某建筑工程有限公司')
    const html = await migrant.content()
    for (const secret of [LI_ID, LI_CARD, CHILD_ID, CHILD_NAME, '李强']) expect(html).not.toContain(secret)
  })

  it('the notice ends, 陈静 records the payment, and 李强 sees it paid', async () => {
    const appId = new URL(app.cloud().url + detailUrl).searchParams.get('id') ?? ''
    await adminDb().db.collection('aid_notices').doc(appId).update({ data: { endsAt: new Date(Date.now() - 60_000) } })
    expect(z.object({ ok: z.literal(true), data: z.object({ noticesClosed: z.number() }) }).parse(await app.cloud().invokeTimer('aid', 'aidDaily')).data.noticesClosed).toBe(1)
    const staff = await signedIn('陈静')
    await staff.goto(detailUrl)
    await see(staff, '公示结束，待发放')
    await fill(staff, '打卡发放后填写', 'TX20261122001')
    await tapText(staff, '确认已发放4,000元')
    // the record's line, not '已发放' alone: that is also inside the button just tapped, so it would not wait for the payment
    await see(staff, '帮扶款已发放')
    await migrant.goto(detailUrl)
    await see(migrant, '帮扶款已发放')
    await see(migrant, '帮扶金额：4,000元')
    await see(migrant, /打到本人银行卡/)
  })
})
