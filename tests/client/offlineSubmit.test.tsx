import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { call, isOffline, type CallFail } from '../../client/services/api'
import { useDraft } from '../../client/hooks/useDraft'
import FieldError from '../../client/components/FieldError'
import { testActions } from './support/actions'
import { buildAs } from './support/target'
import { phone } from './support/taro'

/** The pattern every form follows: draft on the phone, call(), clear only on ok. */
function JoinForm() {
  const [form, setForm, clearDraft] = useDraft('demo.greet', { name: '', age: 0 })
  const [failure, setFailure] = useState<CallFail | null>(null)
  const [done, setDone] = useState(false)
  const submit = async () => {
    const result = await call(testActions.greet, form)
    if (result.ok) {
      clearDraft()
      setDone(true)
    } else setFailure(result)
  }
  return (
    <div>
      <input aria-label='姓名' value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <FieldError fields={failure?.error.fields} name='name' />
      <input aria-label='年龄' value={String(form.age)} onChange={(e) => setForm({ ...form, age: Number(e.target.value) })} />
      <FieldError fields={failure?.error.fields} name='age' />
      <button onClick={submit}>提交</button>
      {failure && <p role='status'>{isOffline(failure) ? '离线：' : '失败：'}{failure.error.message}</p>}
      {done && <p>已提交</p>}
    </div>
  )
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})

it('keeps the draft and says so when the network drops during submit, then clears it once the call goes through', async () => {
  phone.answerCloudCalls(() => Promise.reject({ errMsg: 'cloud.callFunction:fail timeout' }))
  render(<JoinForm />)
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '李强' } })
  fireEvent.change(screen.getByLabelText('年龄'), { target: { value: '41' } })
  fireEvent.click(screen.getByText('提交'))

  expect((await screen.findByRole('status')).textContent).toMatch(/^离线：.*不会丢失/)
  expect(JSON.parse(phone.storedDraft('demo.greet') ?? 'null')).toEqual({ name: '李强', age: 41 })

  phone.answerCloudCalls(async () => ({ result: { ok: true, data: { greeting: '欢迎', joinedAt: '2024-05-01' } } }))
  fireEvent.click(screen.getByText('提交'))
  await screen.findByText('已提交')
  expect(phone.storedDraft('demo.greet')).toBeUndefined()
})

it('shows each field’s problem under the field, in words, without a network call', async () => {
  render(<JoinForm />)
  fireEvent.change(screen.getByLabelText('年龄'), { target: { value: '15' } })
  fireEvent.click(screen.getByText('提交'))
  await waitFor(() => expect(screen.getByText('！请填写姓名')).toBeTruthy())
  expect(screen.getByText('！年满16周岁才能入会')).toBeTruthy()
  // (the only call is the draft asking who is signed in)
  expect(phone.cloudCalls.filter((c) => c.name !== 'account')).toHaveLength(0)
})

it('shows every problem at once, each under its field, and brings the first into view', async () => {
  render(<JoinForm />)
  fireEvent.change(screen.getByLabelText('年龄'), { target: { value: '15' } })
  fireEvent.click(screen.getByText('提交'))
  await waitFor(() => expect(screen.getByText('！请填写姓名')).toBeTruthy())
  expect(screen.getByText('！年满16周岁才能入会')).toBeTruthy()
  await waitFor(() => expect(phone.scrolls).toEqual([{ selector: '#field-error-name' }]))

  // the server's answer lists age first: the first field of the form is still the one brought into view
  phone.answerCloudCalls(async ({ name }) =>
    name === 'demo'
      ? { result: { ok: false, error: { code: 'INVALID_INPUT', message: '填写的内容有误', fields: { age: '年满16周岁才能入会', name: '姓名不能带数字' } } } }
      : { result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该功能暂不可用' } } },
  )
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '李强2' } })
  fireEvent.change(screen.getByLabelText('年龄'), { target: { value: '40' } })
  fireEvent.click(screen.getByText('提交'))
  await waitFor(() => expect(screen.getByText('！姓名不能带数字')).toBeTruthy())
  expect(screen.getByText('！年满16周岁才能入会')).toBeTruthy()
  await waitFor(() => expect(phone.scrolls).toEqual([{ selector: '#field-error-name' }, { selector: '#field-error-name' }]))
})
