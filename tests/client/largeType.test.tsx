import { closeApp, launchApp } from './support/launch'
import { buildAs } from './support/target'
import { phone } from './support/taro'

type LargeType = typeof import('../../client/services/largeType')

function startLargeType(): LargeType {
  return launchApp().load('client/services/largeType') as LargeType
}

beforeEach(() => {
  phone.reset()
  buildAs('weapp')
})
afterEach(closeApp)

describe('大字模式', () => {
  it('follows WeChat’s own font size when off, and grows to 1.25× of it (at least 20px) when on', () => {
    const { weappRootFontSize } = startLargeType()
    phone.setWeChatFontSize(17)
    expect(weappRootFontSize(false)).toBe('system')
    expect(weappRootFontSize(true)).toBe('21px')
    phone.setWeChatFontSize(23.8) // iOS 关怀模式
    expect(weappRootFontSize(true)).toBe('30px')
    phone.setWeChatFontSize(12)
    expect(weappRootFontSize(true)).toBe('20px')
  })

  it('is remembered after the app is killed and started again', () => {
    startLargeType().setLargeType(true)
    expect(startLargeType().isLargeType()).toBe(true)
  })

  it('scales the whole H5 page from <html>, on top of the browser’s own size', () => {
    buildAs('h5')
    const largeType = startLargeType()
    largeType.setLargeType(true)
    expect(document.documentElement.style.fontSize).toBe('125%')
    largeType.setLargeType(false)
    expect(document.documentElement.style.fontSize).toBe('100%')
  })

  it('is switched from 我的 and every mounted page follows', async () => {
    phone.answerCloudCalls(async () => ({ result: { ok: true, data: { nickName: '王芳', isNew: false, grants: [] } } }))
    const { load, render, screen, fireEvent } = launchApp()
    const Me = (load('client/pages/me/index') as { default: () => React.ReactElement }).default
    const Events = (load('client/pages/events/index') as { default: () => React.ReactElement }).default
    const { container } = render(
      <>
        <Me />
        <Events />
      </>,
    )
    await screen.findByText('王芳')
    const shells = () => Array.from(container.querySelectorAll('.page-shell'))
    expect(shells().some((el) => el.classList.contains('page-shell--large'))).toBe(false)
    expect(container.querySelector('page-meta')?.getAttribute('root-font-size')).toBe('system')

    fireEvent.click(container.querySelector('[role="switch"]') ?? document.body)
    expect(shells()).toHaveLength(2)
    expect(shells().every((el) => el.classList.contains('page-shell--large'))).toBe(true)
    const rootSizes = Array.from(container.querySelectorAll('page-meta'), (el) => el.getAttribute('root-font-size'))
    expect(rootSizes).toEqual(['21px', '21px']) // WeChat's standard 17px × 1.25
    expect((load('client/services/largeType') as LargeType).isLargeType()).toBe(true)
  })
})
