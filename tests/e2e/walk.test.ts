import { h5AppForFile } from './support/h5App'
import { walker } from './support/walker'

/**
 * Each demo person does their main jobs by tapping only, from the home screen, on the `npm start` demo
 * (H5 build, Chromium with the CJK font). Every screen is saved under .tmp/screens/ and fails the walk
 * when any visible control has no text or text below 3:1 — what a DOM assertion would pass over.
 */
jest.setTimeout(300_000)

const { signedIn } = h5AppForFile({ demo: true })

describe('each person’s main jobs, by tapping, every screen readable', () => {
  it('王芳 (职工): her member card, the event under way and her entry pass, her messages', async () => {
    const w = walker(await signedIn('王芳'), '王芳')
    await w.screen('首页', '您好，王芳')
    await w.tap('会员卡')
    await w.screen('会员卡', /^会员编号/)
    await w.tap('‹ 返回')
    await w.see('您好，王芳')
    await w.tapTab('活动')
    await w.screen('活动', '职工书法摄影作品展')
    await w.tap('职工书法摄影作品展')
    await w.screen('活动详情', '出示入场码 / 扫码签到')
    await w.tap('出示入场码 / 扫码签到')
    await w.screen('入场码', '刷新入场码')
    await w.tap('‹ 返回')
    await w.see('出示入场码 / 扫码签到')
    await w.tap('‹ 返回')
    await w.tapTab('我的')
    await w.screen('我的', '我的消息')
    await w.tap('我的消息')
    await w.screen('我的消息', /消息|通知/)
    expect(w.problems).toEqual([])
  })

  it('李强 (农民工): joining the union and checking what help he can get', async () => {
    const w = walker(await signedIn('李强'), '李强')
    await w.screen('首页', '您好，李强')
    await w.tap('申请入会')
    await w.screen('入会', /^第一步/)
    await w.tap('‹ 返回')
    await w.see('您好，李强')
    await w.tap('帮扶与金秋助学')
    await w.screen('帮扶', '我的申请')
    expect(w.problems).toEqual([])
  })

  it('张建国 (基层工会主席): his 待办, a 金秋助学 application at 初审, his events', async () => {
    const w = walker(await signedIn('张建国'), '张建国')
    await w.screen('首页', '您好，张建国')
    await w.tap('待办审批')
    await w.screen('待办', '陈*申请入会')
    await w.tap('金秋助学（大学）')
    await w.screen('审批详情', '申请内容')
    await w.tap('‹ 返回')
    await w.see('陈*申请入会')
    await w.tap('‹ 返回')
    await w.tapTab('活动')
    await w.screen('活动', '安全生产知识竞赛')
    expect(w.problems).toEqual([])
  })

  it('陈静 (街道工会联合会干部): her 待办, payments after 公示, the events she organises and check-in', async () => {
    const w = walker(await signedIn('陈静'), '陈静')
    await w.screen('首页', '您好，陈静')
    await w.tap('待办审批')
    await w.screen('待办', /件待办$|暂时没有/)
    await w.tap('‹ 返回')
    await w.see('您好，陈静')
    await w.tap('帮扶管理')
    await w.screen('帮扶管理', '公示期满，待发放')
    await w.tap('‹ 返回')
    await w.see('您好，陈静')
    await w.tap('我组织的活动')
    await w.screen('我组织的活动', '职工书法摄影作品展')
    await w.tap('职工书法摄影作品展')
    await w.screen('活动管理', '现场签到')
    await w.tap('现场签到')
    await w.screen('现场签到', '扫描入场码')
    expect(w.problems).toEqual([])
  })
})
