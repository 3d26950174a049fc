import { aidActions } from '../../shared/aid/actions'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { seed as coreSeed } from '../../local-cloud/seed/core'
import { LOCAL_PRIVACY_ENV } from '../../server/privacy/devEnv'
import { aidPerson } from '../helpers/aidPeople'
import { startTestCloud, type TestCloud } from '../helpers/localCloud'
import { dataOf } from '../helpers/envelopes'
import { role } from '../helpers/roles'

/**
 * The 代办 list as a chair reads it (issue 11, "Words and states"): each member by the register's name,
 * masked as 李*强, with the unit and job that tell two 李*强 apart, and the row of a member already
 * asked saying so. Through the compiled `aid` function on the local cloud.
 */

const CHAIR = 'demo-chair' // 张建国, chair of 北京某建筑工程有限公司工会
const BUILD_PATH = ['u-district', 'u-street-wangjing', 'u-build']
const ZHIQIANG = 'proxy-li-zhiqiang'
const GUOQIANG = 'proxy-li-guoqiang'
const NO_PROFILE = 'proxy-no-profile'

const id18 = (body17: string) => body17 + idCheckChar(body17)
// most WeChat accounts are "微信用户" since WeChat stopped giving nicknames: the list cannot go by them
const user = (openid: string, nickName: string) => ({ _id: openid, openid, nickName, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z') })

let cloud: TestCloud
const savedEnv = { ...process.env }

beforeAll(async () => {
  Object.assign(process.env, LOCAL_PRIVACY_ENV)
  cloud = await startTestCloud()
  await cloud.db.seed(coreSeed)
  const zhiqiang = aidPerson(ZHIQIANG, '李志强', id18('11010519800101123'))
  const guoqiang = aidPerson(GUOQIANG, '李国强', id18('11010519820202123'))
  await cloud.db.seed({
    roles: [role(ZHIQIANG, 'u-build', 'member', BUILD_PATH), role(GUOQIANG, 'u-build', 'member', BUILD_PATH), role(NO_PROFILE, 'u-build', 'member', BUILD_PATH)],
    users: [user(ZHIQIANG, '微信用户'), user(GUOQIANG, '微信用户'), user(NO_PROFILE, '微信用户')],
    member_profiles: [
      { ...zhiqiang.profile, employer: '北京某建筑工程有限公司', job: '钢筋工' },
      { ...guoqiang.profile, employer: '北京某建筑工程有限公司第二项目部', job: '塔吊司机' },
    ],
    consents: [zhiqiang.consent, guoqiang.consent],
  })
}, 60_000)
afterAll(async () => {
  await cloud.cleanup()
  process.env = savedEnv
})

const candidates = async () => dataOf(await cloud.callAction(CHAIR, aidActions.proxyCandidates, { unionId: 'u-build' })).items
const row = (items: Awaited<ReturnType<typeof candidates>>, openid: string) => items.find((c) => c.roleId === `r-${openid}-u-build-member`)

describe('代办 list: who is who, and who was asked', () => {
  it('names each member by the register, masked, with unit and job, not by a WeChat nickname', async () => {
    const items = await candidates()
    expect(row(items, ZHIQIANG)).toMatchObject({ name: '李*强', unit: '北京某建筑工程有限公司', job: '钢筋工', asked: null })
    expect(row(items, GUOQIANG)).toMatchObject({ name: '李*强', unit: '北京某建筑工程有限公司第二项目部', job: '塔吊司机', asked: null })
    // no register entry and no nickname: said in words, and the union stands for the unit
    expect(row(items, NO_PROFILE)).toMatchObject({ name: '（未填写姓名）', unit: '北京某建筑工程有限公司工会', job: '' })
    // the chair himself (a member of u-build too) is not offered: the three seeded here are all
    expect(items).toHaveLength(3)
    // nothing in a row carries a full name
    expect(JSON.stringify(items)).not.toMatch(/李志强|李国强/)
  })

  it('after 请求代办 the row says the request was sent, and the card names the same 李*强', async () => {
    const asked = dataOf(await cloud.callAction(CHAIR, aidActions.requestProxy, { roleId: `r-${ZHIQIANG}-u-build-member` })).proxy
    expect(asked.workerName).toBe('李*强')
    const items = await candidates()
    expect(row(items, ZHIQIANG)?.asked).toBe('pending')
    expect(row(items, GUOQIANG)?.asked).toBeNull()
  })
})
