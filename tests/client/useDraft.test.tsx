import { z } from 'zod'
import type { useDraft as UseDraftFn } from '../../client/hooks/useDraft'
import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

const empty = { childName: '', school: '', grade: 1, idNumber: '', bankCard: '', statement: '' }
const LI_ID = '11010519780101123' + idCheckChar('11010519780101123')
const LI_CARD = '622202020011234567' + luhnCheckDigit('622202020011234567')

/** Who the server says is signed in: whoami answers with that person's owner key (or the network is down). */
let signedIn: string | 'offline' = 'li'
beforeEach(() => {
  phone.reset()
  buildAs('weapp')
  signedIn = 'li'
  phone.answerCloudCalls(async ({ name, data }) => {
    if (signedIn === 'offline') throw new Error('request:fail network')
    if (name === 'account' && (data as { action: string }).action === 'whoami') {
      return { result: { ok: true, data: { nickName: signedIn, isNew: false, grants: [], ownerKey: `owner-${signedIn}` } } }
    }
    return { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } }
  })
})
afterEach(closeApp)

function startForm(schema?: z.ZodType<typeof empty>) {
  const app = launchApp()
  const { useDraft } = app.load('client/hooks/useDraft') as { useDraft: typeof UseDraftFn }
  function SchoolAidForm() {
    const [form, setForm, clearDraft] = useDraft('aid.school', empty, schema)
    return (
      <div>
        <input aria-label='孩子姓名' value={form.childName} onChange={(e) => setForm((f) => ({ ...f, childName: e.target.value }))} />
        <input aria-label='身份证号' value={form.idNumber} onChange={(e) => setForm((f) => ({ ...f, idNumber: e.target.value }))} />
        <input aria-label='银行卡号' value={form.bankCard} onChange={(e) => setForm((f) => ({ ...f, bankCard: e.target.value }))} />
        <input aria-label='情况说明' value={form.statement} onChange={(e) => setForm((f) => ({ ...f, statement: e.target.value }))} />
        <span data-testid='school'>{form.school}</span>
        <button onClick={clearDraft}>提交成功</button>
      </div>
    )
  }
  app.render(<SchoolAidForm />)
  const field = (label: string) => app.screen.getByLabelText<HTMLInputElement>(label)
  return {
    ...app,
    field,
    nameField: () => field('孩子姓名'),
    school: () => app.screen.getByTestId('school').textContent,
    /** the phone has learnt who is signed in (whoami answered) */
    ready: () => app.waitFor(() => expect(phone.cloudCalls.length).toBeGreaterThan(0)).then(() => app.act(async () => undefined)),
  }
}

function storeOnPhone(key: string, value: unknown) {
  const Taro = launchApp().load('tests/client/support/taro') as { default: { setStorageSync: (k: string, v: unknown) => void } }
  Taro.default.setStorageSync(key, value)
}

/** Every value the phone keeps, as stored. */
const storedEverything = () => {
  const Taro = launchApp().load('tests/client/support/taro') as { default: { getStorageInfoSync: () => { keys: string[] } } }
  return Taro.default.getStorageInfoSync().keys.map((k) => `${k}=${phone.storedRaw(k) ?? ''}`).join('\n')
}

describe('useDraft', () => {
  it('keeps every keystroke on the phone, so a killed app reopens with the draft', async () => {
    const first = startForm()
    await first.ready()
    first.fireEvent.change(first.nameField(), { target: { value: '王小明' } })

    const relaunched = startForm()
    await relaunched.waitFor(() => expect(relaunched.nameField().value).toBe('王小明'))
  })

  it('forgets the draft once it is cleared after a successful submit', async () => {
    const first = startForm()
    await first.ready()
    first.fireEvent.change(first.nameField(), { target: { value: '王小明' } })
    first.fireEvent.click(first.screen.getByText('提交成功'))
    expect(first.nameField().value).toBe('')
    expect(phone.storedRaw('draft:owner-li:aid.school')).toBeUndefined()

    const again = startForm()
    await again.ready()
    expect(again.nameField().value).toBe('')
  })

  it('ignores a stored draft that no longer has the form’s shape', async () => {
    storeOnPhone('draft-owner', 'owner-li')
    storeOnPhone('draft:owner-li:aid.school', { childName: 3, school: '实验小学' })
    const form = startForm()
    await form.ready()
    expect(form.nameField().value).toBe('')
    expect(form.school()).toBe('')
  })

  it('with a schema, restores a stored draft only if it passes the schema', async () => {
    const schema = z.object({ childName: z.string().max(4), school: z.string(), grade: z.number(), idNumber: z.string(), bankCard: z.string(), statement: z.string() })
    storeOnPhone('draft-owner', 'owner-li')
    storeOnPhone('draft:owner-li:aid.school', { ...empty, childName: '名字太长了超过四个字', school: '实验小学', grade: 2 })
    const refused = startForm(schema)
    await refused.ready()
    expect(refused.school()).toBe('')

    storeOnPhone('draft:owner-li:aid.school', { ...empty, childName: '王小明', school: '实验小学', grade: 2 })
    const restored = startForm(schema)
    await restored.waitFor(() => expect(restored.school()).toBe('实验小学'))
  })

  it('belongs to the signed-in person: 王芳 signing in on 李强’s phone sees none of his draft, and his draft is gone', async () => {
    const li = startForm()
    await li.ready()
    li.fireEvent.change(li.nameField(), { target: { value: '李明远' } })
    li.fireEvent.change(li.field('情况说明'), { target: { value: '妻子长期服药' } })
    expect(storedEverything()).toContain('李明远')

    signedIn = 'wang'
    const wang = startForm()
    await wang.ready()
    expect(wang.nameField().value).toBe('')
    expect(wang.field('情况说明').value).toBe('')
    expect(storedEverything()).not.toContain('李明远')
    expect(storedEverything()).not.toContain('妻子长期服药')
  })

  it('a form that fills itself from the previous value before the phone knows who is signed in keeps the stored draft (the join form after a reload)', async () => {
    storeOnPhone('draft-owner', 'owner-li')
    storeOnPhone('draft:owner-li:aid.school', { ...empty, childName: '王小明', school: '实验小学' })
    const app = launchApp()
    const { useDraft } = app.load('client/hooks/useDraft') as { useDraft: typeof UseDraftFn }
    // the app's own React (the launched app has its module registry)
    const { useEffect } = app.load('node_modules/react') as typeof import('react')
    function PrefilledForm() {
      const [form, setForm] = useDraft('aid.school', empty)
      // like membership/join: start from the profile unless the draft already belongs to this school
      useEffect(() => setForm((f) => (f.school === '实验小学' ? f : { ...f, school: '实验小学', childName: '（来自个人信息）' })), [setForm])
      return <span data-testid='name'>{form.childName}</span>
    }
    app.render(<PrefilledForm />)
    await app.waitFor(() => expect(phone.cloudCalls.length).toBeGreaterThan(0))
    await app.waitFor(() => expect(app.screen.getByTestId('name').textContent).toBe('王小明'))
    expect(phone.storedRaw('draft:owner-li:aid.school')).toContain('王小明')
  })

  it('offline at start, the last person’s own draft still opens (a lost network loses nothing)', async () => {
    const li = startForm()
    await li.ready()
    li.fireEvent.change(li.nameField(), { target: { value: '李明远' } })

    signedIn = 'offline'
    const relaunched = startForm()
    await relaunched.waitFor(() => expect(relaunched.nameField().value).toBe('李明远'))
  })

  it('never keeps a full ID or bank card number on the phone: the form has them, storage does not', async () => {
    const li = startForm()
    await li.ready()
    li.fireEvent.change(li.field('身份证号'), { target: { value: LI_ID } })
    li.fireEvent.change(li.field('银行卡号'), { target: { value: LI_CARD.replace(/(\d{4})/g, '$1 ') } })
    li.fireEvent.change(li.field('情况说明'), { target: { value: `我的身份证号是${LI_ID}，请核对` } })
    li.fireEvent.change(li.nameField(), { target: { value: '李明远' } })
    // the open form still holds what was typed
    expect(li.field('身份证号').value).toBe(LI_ID)
    const stored = storedEverything()
    expect(stored).not.toContain(LI_ID)
    expect(stored).not.toContain(LI_CARD)
    expect(stored).not.toContain(LI_CARD.slice(0, 8))
    expect(stored).toContain('李明远')
    expect(stored).toContain('请核对')

    const relaunched = startForm()
    await relaunched.waitFor(() => expect(relaunched.nameField().value).toBe('李明远'))
    expect(relaunched.field('身份证号').value).toBe('')
    expect(relaunched.field('银行卡号').value).toBe('')
  })
})
