import { fireEvent, render, screen } from '@testing-library/react'
import StateView from '../../client/components/StateView'
import { phone } from './support/taro'

beforeEach(() => phone.reset())

describe('StateView', () => {
  it('says it is loading, in Chinese, and offers no buttons while waiting', () => {
    render(<StateView state='loading' />)
    expect(screen.getByText('正在加载')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    expect(screen.queryByText('返回')).toBeNull()
  })

  it('shows the server’s own message on an error and retries when 重试 is tapped', () => {
    const retry = jest.fn()
    render(<StateView state='error' message='您没有权限进行这项操作' onRetry={retry} />)
    expect(screen.getByText('没能加载出来')).toBeTruthy()
    expect(screen.getByText('您没有权限进行这项操作')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(retry).toHaveBeenCalledTimes(1)
  })

  it('tells an offline person to check the network, with 重试 and a way back', () => {
    render(<StateView state='offline' onRetry={() => {}} />)
    expect(screen.getByText('网络不通')).toBeTruthy()
    expect(screen.getByText('请检查手机网络后点“重试”')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
    expect(screen.getByText('返回')).toBeTruthy()
  })

  it('goes back one page from 返回, or home when the page was opened directly', () => {
    phone.setPageStackDepth(2)
    const { unmount } = render(<StateView state='error' />)
    fireEvent.click(screen.getByText('返回'))
    expect(phone.navigations).toEqual([{ kind: 'navigateBack' }])
    unmount()

    phone.setPageStackDepth(1)
    render(<StateView state='error' />)
    fireEvent.click(screen.getByText('返回'))
    expect(phone.navigations[1]).toEqual({ kind: 'switchTab', url: '/pages/home/index' })
  })

  it('shows an empty state with its own sentence and no retry', () => {
    render(<StateView state='empty' message='近期还没有活动' onRetry={() => {}} />)
    expect(screen.getByText('近期还没有活动')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })
})
