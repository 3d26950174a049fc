import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/** The reviewer's home says which subscribe-message templates have no id, so nobody waits for a push that cannot come. */
function answerTemplateIds(templateIds: Record<string, string>) {
  phone.answerCloudCalls(async ({ name, data }) => {
    const event = data as { action: string }
    if (name === 'notify' && event.action === 'subscribeConfig') return { result: { ok: true, data: { templateIds } } }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
}

function openNotice() {
  const app = launchApp()
  const Notice = (app.load('client/packages/review/components/TemplatesNotice') as { default: () => React.ReactElement }).default
  app.render(<Notice />)
  return app
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

it('names the templates without an id and says their messages stay in 我的消息', async () => {
  answerTemplateIds({ reviewTodo: 'tmpl-a', eventSignup: 'tmpl-b', eventChange: 'tmpl-c', eventReminder: 'tmpl-d' })
  const { screen } = openNotice()
  const notice = await screen.findByRole('status')
  expect(notice.textContent).toContain('这些微信提醒还没有开通：审批结果通知、申请进度通知')
  expect(notice.textContent).toContain('我的消息')
  expect(notice.textContent).not.toContain('待审批提醒')
})

it('says push is off altogether when no template has an id', async () => {
  answerTemplateIds({})
  const { screen } = openNotice()
  expect((await screen.findByRole('status')).textContent).toContain('微信提醒还没有开通')
})

it('shows nothing when every template has an id', async () => {
  answerTemplateIds({ reviewTodo: 'a', reviewResult: 'b', eventSignup: 'c', eventChange: 'd', eventReminder: 'e', aidProgress: 'f' })
  const { screen, waitFor, act } = openNotice()
  await waitFor(() => expect(phone.cloudCalls.length).toBeGreaterThan(0))
  // let the answer reach the component: an empty act flushes the resolved call and its render
  await act(async () => {})
  expect(screen.queryByRole('status')).toBeNull()
})
