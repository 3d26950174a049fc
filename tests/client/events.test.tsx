import type { EventDetail, MySignupView } from '../../shared/events/schemas'
import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/** 报名表 and 发布活动 as the phone runs them: the events function answered by the test. */
const event: EventDetail = {
  eventId: 'ev1',
  title: '望京职工趣味运动会',
  kind: 'sports',
  kindLabel: '文体活动',
  unionName: '望京街道工会联合会',
  place: '望京体育馆',
  startAt: new Date('2026-12-05T06:00:00Z'),
  endAt: new Date('2026-12-05T09:00:00Z'),
  signupClosesAt: new Date('2026-12-04T06:00:00Z'),
  capacity: 50,
  seatsLeft: 50,
  status: 'published',
  statusLabel: '报名中',
  coverUrl: '',
  mine: null,
  description: '',
  scope: 'subtree',
  membersOnly: true,
  gender: 'any',
  minAge: null,
  maxAge: null,
  mode: 'individual',
  teamSize: null,
  fields: [{ key: 'f1', label: '衣服尺码', type: 'choice', required: true, options: ['S', 'M', 'L'], min: null, max: null }],
  needsApproval: false,
  signupOpensAt: new Date('2026-12-01T01:00:00Z'),
  waitlisted: 0,
  cancelReason: '',
  rules: ['望京街道工会联合会及下属工会的会员可以报名'],
  blockedReason: null,
  my: null,
  results: [],
  canManage: false,
  version: 2,
}

const confirmed: MySignupView = {
  signupId: 'ev1.abc',
  status: 'confirmed',
  statusLabel: '报名成功',
  queuePosition: null,
  answers: { f1: 'M' },
  requestId: '',
  checkedInAt: null,
  late: false,
  noShow: false,
  canCancel: true,
  team: null,
  confirmBy: null,
  removedReason: '',
}

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }
function eventsAnswer(answer: () => Answer) {
  const sent: unknown[] = []
  phone.answerCloudCalls(async ({ name, data }) => {
    // drafts are kept per person: the phone asks who is signed in
    if (name === 'account') return { result: { ok: true, data: { nickName: '王芳', isNew: false, grants: [], ownerKey: 'owner-wang' } } }
    if (name !== 'events') return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
    sent.push(data)
    return { result: answer() }
  })
  return sent
}

function openForm() {
  const app = launchApp()
  const SignupForm = (app.load('client/packages/events/components/SignupForm') as { default: (p: { event: EventDetail; onSignedUp: (my: MySignupView) => void }) => React.ReactElement }).default
  const signedUp: MySignupView[] = []
  app.render(<SignupForm event={event} onSignedUp={(my) => signedUp.push(my)} />)
  return { ...app, signedUp }
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

describe('报名表', () => {
  it('says under the question that 衣服尺码 is missing, without calling the function', async () => {
    const sent = eventsAnswer(() => ({ ok: true, data: confirmed }))
    const { screen, fireEvent } = openForm()
    fireEvent.click(screen.getByText('提交报名'))
    expect(await screen.findByText('！请选择衣服尺码')).toBeTruthy()
    expect(sent).toHaveLength(0)
  })

  it('keeps the chosen size through a killed app, shows the server’s problem under its field, and clears the draft once signed up', async () => {
    let answer: Answer = { ok: false, error: { code: 'INVALID_INPUT', message: '填写的内容有误', fields: { 'answers.f1': 'M码已经发完了，请换一个尺码' } } }
    const sent = eventsAnswer(() => answer)
    const first = openForm()
    first.fireEvent.click(first.screen.getByText('M'))
    await first.waitFor(() => expect(phone.storedDraft('events.signup.ev1')).toBeDefined())

    const again = openForm()
    expect(await again.screen.findByText('✓ M')).toBeTruthy()
    again.fireEvent.click(again.screen.getByText('提交报名'))
    expect(await again.screen.findByText('！M码已经发完了，请换一个尺码')).toBeTruthy()
    expect(sent).toEqual([{ action: 'signUp', input: { eventId: 'ev1', answers: { f1: 'M' } } }])
    expect(phone.storedDraft('events.signup.ev1')).toBeDefined()

    answer = { ok: true, data: confirmed }
    again.fireEvent.click(again.screen.getByText('提交报名'))
    await again.waitFor(() => expect(again.signedUp.map((m) => m.statusLabel)).toEqual(['报名成功']))
    expect(phone.storedDraft('events.signup.ev1')).toBeUndefined()
  })
})

describe('发布活动 form', () => {
  type Form = typeof import('../../client/packages/events/edit/form')
  const form = () => launchApp().load('client/packages/events/edit/form') as Form

  it('reads a typed time as Beijing time, whatever the phone’s own time zone', () => {
    const { emptyDraft, eventOf } = form()
    const zone = process.env.TZ
    process.env.TZ = 'America/New_York'
    const { event: out, problems } = eventOf({ ...emptyDraft('u-street-wangjing'), startAt: '2026-12-05 14:00', signupClosesAt: '2026/12/4 9:30' })
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
    expect(out.startAt).toEqual(new Date('2026-12-05T06:00:00Z'))
    expect(out.signupClosesAt).toEqual(new Date('2026-12-04T01:30:00Z'))
    expect(problems['event.startAt']).toBeUndefined()
  })

  it('words every problem at once: an unreadable time, a day that does not exist, no kind, and what the contract finds', () => {
    const { emptyDraft, eventOf } = form()
    const { problems } = eventOf({ ...emptyDraft('u-street-wangjing'), startAt: '下午两点', endAt: '2026-02-30 10:00', capacity: '50' })
    expect(problems).toMatchObject({
      'event.startAt': '时间看不懂，请按“2026-12-05 14:00”这样填写',
      'event.endAt': '时间看不懂，请按“2026-12-05 14:00”这样填写',
      'event.kind': '请选择活动类型',
      'event.title': '活动名称至少2个字',
      'event.signupOpensAt': '请选择时间',
    })
  })
})
