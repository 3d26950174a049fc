import type { InboxItem } from '../../shared/notify/schemas'
import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/** 我的消息 as the phone shows it: the notify function answered by the test. */
const item = (n: number, over: Partial<InboxItem> = {}): InboxItem => ({
  id: `m${n}`,
  title: `消息${n}`,
  body: `第${n}条消息的内容`,
  page: `packages/review/detail?id=r${n}`,
  createdAt: new Date(Date.UTC(2025, 2, 7, 2, 60 - n)).toISOString(),
  isRead: false,
  requestId: `r${n}`,
  ...over,
})

type Calls = Array<{ action: string; input: unknown }>
function notifyAnswers(pages: Record<string, { items: InboxItem[]; nextCursor: string | null }>) {
  const calls: Calls = []
  phone.answerCloudCalls(async ({ name, data }) => {
    const event = data as { action: string; input: { cursor?: string } }
    calls.push({ action: event.action, input: event.input })
    if (name === 'notify' && event.action === 'listInbox') return { result: { ok: true, data: pages[event.input.cursor ?? 'first'] } }
    if (name === 'notify' && event.action === 'markRead') return { result: { ok: true, data: { updated: 1 } } }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
  return calls
}

function openInbox() {
  const app = launchApp()
  const Page = (app.load('client/packages/inbox/index') as { default: () => React.ReactElement }).default
  app.render(<Page />)
  return app
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

it('lists messages newest first with an unread mark in words, and says how many are unread', async () => {
  notifyAnswers({ first: { items: [item(1), item(2, { isRead: true })], nextCursor: null } })
  const { screen } = openInbox()
  expect(await screen.findByText('消息1')).toBeTruthy()
  expect(screen.getByText('1条未读')).toBeTruthy()
  expect(screen.getAllByText('未读')).toHaveLength(1)
  expect(screen.getByText('第2条消息的内容')).toBeTruthy()
})

it('opens the message\'s page on tap and marks it read', async () => {
  const calls = notifyAnswers({ first: { items: [item(1)], nextCursor: null } })
  const { screen, fireEvent, waitFor } = openInbox()
  fireEvent.click(await screen.findByText('消息1'))
  expect(phone.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/review/detail?id=r1' }])
  await waitFor(() => expect(calls).toContainEqual({ action: 'markRead', input: { ids: ['m1'] } }))
  expect(screen.getByText('全部已读')).toBeTruthy()
  expect(screen.queryByText('未读')).toBeNull()
})

it('pages on with the cursor the server gave, without repeating a message', async () => {
  const calls = notifyAnswers({
    first: { items: [item(1), item(2)], nextCursor: 'c1' },
    c1: { items: [item(2), item(3)], nextCursor: null },
  })
  const { screen, fireEvent } = openInbox()
  fireEvent.click(await screen.findByText('加载更早的消息'))
  expect(await screen.findByText('消息3')).toBeTruthy()
  expect(screen.getAllByText('消息2')).toHaveLength(1)
  expect(screen.queryByText('加载更早的消息')).toBeNull()
  expect(calls.filter((c) => c.action === 'listInbox').map((c) => c.input)).toEqual([{ limit: 20 }, { limit: 20, cursor: 'c1' }])
})

it('marks everything read with one tap', async () => {
  const calls = notifyAnswers({ first: { items: [item(1), item(2)], nextCursor: null } })
  const { screen, fireEvent, waitFor } = openInbox()
  fireEvent.click(await screen.findByText('全部标为已读'))
  expect(screen.getByText('全部已读')).toBeTruthy()
  await waitFor(() => expect(calls).toContainEqual({ action: 'markRead', input: { all: true } }))
})

it('has an empty state that explains what will arrive here', async () => {
  notifyAnswers({ first: { items: [], nextCursor: null } })
  const { screen } = openInbox()
  expect(await screen.findByText(/还没有消息/)).toBeTruthy()
})

it('shows the offline state when the network is down, and loads on 重试', async () => {
  phone.answerCloudCalls(() => Promise.reject({ errMsg: 'cloud.callFunction:fail timeout' }))
  const { screen, fireEvent } = openInbox()
  expect(await screen.findByText('网络不通')).toBeTruthy()
  notifyAnswers({ first: { items: [item(1)], nextCursor: null } })
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('消息1')).toBeTruthy()
})

it('shows the server\'s Chinese message when loading fails', async () => {
  phone.answerCloudCalls(async () => ({ result: { ok: false, error: { code: 'INTERNAL', message: '系统开小差了，请稍后再试' } } }))
  const { screen } = openInbox()
  expect(await screen.findByText('没能加载出来')).toBeTruthy()
  expect(screen.getByText('系统开小差了，请稍后再试')).toBeTruthy()
})
