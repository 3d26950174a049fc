import { z } from 'zod'
import type { useDraft as UseDraftFn } from '../../client/hooks/useDraft'
import { closeApp, launchApp } from './support/launch'
import { phone } from './support/taro'

const empty = { childName: '', school: '', grade: 1 }

function startForm(schema?: z.ZodType<typeof empty>) {
  const app = launchApp()
  const { useDraft } = app.load('client/hooks/useDraft') as { useDraft: typeof UseDraftFn }
  function SchoolAidForm() {
    const [form, setForm, clearDraft] = useDraft('aid.school', empty, schema)
    return (
      <div>
        <input aria-label='孩子姓名' value={form.childName} onChange={(e) => setForm((f) => ({ ...f, childName: e.target.value }))} />
        <span data-testid='school'>{form.school}</span>
        <button onClick={clearDraft}>提交成功</button>
      </div>
    )
  }
  app.render(<SchoolAidForm />)
  return {
    ...app,
    nameField: () => app.screen.getByLabelText<HTMLInputElement>('孩子姓名'),
    school: () => app.screen.getByTestId('school').textContent,
  }
}

function storeOnPhone(key: string, value: unknown) {
  const Taro = launchApp().load('tests/client/support/taro') as { default: { setStorageSync: (k: string, v: unknown) => void } }
  Taro.default.setStorageSync(key, value)
}

beforeEach(() => phone.reset())
afterEach(closeApp)

describe('useDraft', () => {
  it('keeps every keystroke on the phone, so a killed app reopens with the draft', () => {
    const first = startForm()
    first.fireEvent.change(first.nameField(), { target: { value: '王小明' } })

    const relaunched = startForm()
    expect(relaunched.nameField().value).toBe('王小明')
  })

  it('forgets the draft once it is cleared after a successful submit', () => {
    const first = startForm()
    first.fireEvent.change(first.nameField(), { target: { value: '王小明' } })
    first.fireEvent.click(first.screen.getByText('提交成功'))
    expect(first.nameField().value).toBe('')
    expect(phone.storedRaw('draft:aid.school')).toBeUndefined()

    expect(startForm().nameField().value).toBe('')
  })

  it('ignores a stored draft that no longer has the form’s shape', () => {
    storeOnPhone('draft:aid.school', { childName: 3, school: '实验小学' })
    const form = startForm()
    expect(form.nameField().value).toBe('')
    expect(form.school()).toBe('')
  })

  it('with a schema, restores a stored draft only if it passes the schema', () => {
    const schema = z.object({ childName: z.string().max(4), school: z.string(), grade: z.number() })
    storeOnPhone('draft:aid.school', { childName: '名字太长了超过四个字', school: '实验小学', grade: 2 })
    expect(startForm(schema).school()).toBe('')

    storeOnPhone('draft:aid.school', { childName: '王小明', school: '实验小学', grade: 2 })
    expect(startForm(schema).school()).toBe('实验小学')
  })
})
