import { fireEvent, render, screen } from '@testing-library/react'
import ActionView from '../../client/components/ActionView'
import { useAction } from '../../client/hooks/useAction'
import { testActions } from './support/actions'
import { buildAs } from './support/target'
import { phone } from './support/taro'

function Greeting({ name }: { name: string }) {
  const state = useAction(testActions.greet, { name, age: 30 })
  return <ActionView state={state}>{(data) => <p>{data.greeting}</p>}</ActionView>
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})

describe('useAction with ActionView', () => {
  it('shows loading, then the checked answer', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: true, data: { greeting: '您好，王芳', joinedAt: '2024-05-01' } } }))
    render(<Greeting name='王芳' />)
    expect(screen.getByText('正在加载')).toBeTruthy()
    expect(await screen.findByText('您好，王芳')).toBeTruthy()
  })

  it('shows the offline state and loads again when 重试 is tapped', async () => {
    phone.answerCloudCalls(() => Promise.reject({ errMsg: 'cloud.callFunction:fail request:fail' }))
    render(<Greeting name='王芳' />)
    expect(await screen.findByText('网络不通')).toBeTruthy()

    phone.answerCloudCalls(async () => ({ result: { ok: true, data: { greeting: '又见面了', joinedAt: '2024-05-01' } } }))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('又见面了')).toBeTruthy()
    expect(phone.cloudCalls).toHaveLength(2)
  })

  it('shows the function’s Chinese message when it refuses', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行这项操作' } } }))
    render(<Greeting name='王芳' />)
    expect(await screen.findByText('您没有权限进行这项操作')).toBeTruthy()
  })

  it('calls again when its input changes', async () => {
    phone.answerCloudCalls(async ({ data }) => {
      const name = (data as { input: { name: string } }).input.name
      return { result: { ok: true, data: { greeting: `您好，${name}`, joinedAt: '2024-05-01' } } }
    })
    const view = render(<Greeting name='王芳' />)
    await screen.findByText('您好，王芳')
    view.rerender(<Greeting name='李强' />)
    expect(await screen.findByText('您好，李强')).toBeTruthy()
  })
})
