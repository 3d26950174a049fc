import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/**
 * 代办 as the chair sees it (issue 11, "Words and states"): two members both shown as 李*强 are told
 * apart by unit and job, and the row he asked says so on its button at once, without offering to ask again.
 */
const candidate = (roleId: string, unit: string, job: string, asked: 'pending' | null = null) => ({ roleId, name: '李*强', unit, job, since: '2024年1月入会', asked })

let askedZhiqiang = false
const requests: unknown[] = []
beforeEach(() => {
  phone.reset()
  buildAs('weapp')
  askedZhiqiang = false
  requests.length = 0
  phone.answerCloudCalls(async ({ name, data }) => {
    const { action, input } = data as { action: string; input: unknown }
    const ok = (d: unknown) => ({ result: { ok: true, data: d } })
    if (name === 'account' && action === 'whoami') {
      return ok({ nickName: '张建国', isNew: false, ownerKey: 'owner-zhang', grants: [{ unionId: 'u-build', unionName: '北京某建筑工程有限公司工会', role: 'chair', roleLabel: '工会主席' }] })
    }
    if (name === 'aid' && action === 'myProxies') return ok({ items: [] })
    if (name === 'aid' && action === 'proxyCandidates') {
      return ok({
        items: [candidate('r-1', '北京某建筑工程有限公司', '钢筋工', askedZhiqiang ? 'pending' : null), candidate('r-2', '北京某建筑工程有限公司第二项目部', '塔吊司机')],
      })
    }
    if (name === 'aid' && action === 'requestProxy') {
      requests.push(input)
      askedZhiqiang = true
      return ok({ proxy: { id: 'p-1', cadreName: '张建国', workerName: '李*强', unionName: '北京某建筑工程有限公司工会', status: 'pending', createdAt: new Date().toISOString(), isWorker: false } })
    }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
})
afterEach(closeApp)

function openProxy() {
  const app = launchApp()
  const Page = (app.load('client/packages/aid/proxy/index') as { default: () => React.ReactElement }).default
  app.render(<Page />)
  return app
}

describe('代办 list', () => {
  it('tells two 李*强 apart by unit and job', async () => {
    const { screen } = openProxy()
    await screen.findByText('钢筋工 · 2024年1月入会')
    expect(screen.getByText('北京某建筑工程有限公司第二项目部')).toBeTruthy()
    expect(screen.getByText('塔吊司机 · 2024年1月入会')).toBeTruthy()
    expect(screen.getAllByText('李*强')).toHaveLength(2)
  })

  it('turns the tapped row’s button into 已发送, and does not send twice', async () => {
    const { screen, fireEvent, waitFor } = openProxy()
    await screen.findByText('钢筋工 · 2024年1月入会')
    const asks = screen.getAllByText('请求代办')
    expect(asks).toHaveLength(2)
    fireEvent.click(asks[0])
    const sent = await screen.findByText('已发送')
    expect(sent.closest('taro-button-core')?.hasAttribute('disabled')).toBe(true)
    await waitFor(() => expect(screen.getAllByText('请求代办')).toHaveLength(1))
    fireEvent.click(sent)
    expect(requests).toEqual([{ roleId: 'r-1' }])
    expect(screen.getByText('已发送请求，等李*强在自己的微信里同意。')).toBeTruthy()
  })
})
