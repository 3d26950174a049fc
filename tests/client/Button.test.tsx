import { render, screen } from '@testing-library/react'
import { Button as TaroButton } from '@tarojs/components'
import Button from '../../client/components/Button'

// Taro's CSS dims every `taro-button-core[disabled]`, whatever the attribute's value.
const disabledAttr = (text: string) => screen.getByText(text).closest('taro-button-core')?.getAttribute('disabled') ?? null

describe('Button', () => {
  it('Taro’s own button carries a disabled attribute even when enabled (the bug this component exists for)', () => {
    render(<TaroButton disabled={false}>查找</TaroButton>)
    expect(disabledAttr('查找')).not.toBeNull()
  })

  it('an enabled button carries no disabled attribute, so Taro’s dimming rule cannot match it', () => {
    render(
      <>
        <Button disabled={false}>撤回申请</Button>
        <Button>取消报名</Button>
      </>,
    )
    expect(disabledAttr('撤回申请')).toBeNull()
    expect(disabledAttr('取消报名')).toBeNull()
  })

  it('a disabled button is still marked disabled', () => {
    render(<Button disabled>保存入户调查</Button>)
    expect(disabledAttr('保存入户调查')).not.toBeNull()
  })
})
