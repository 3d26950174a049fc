import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './form.scss'

export interface CheckProps {
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
}

/** A whole-line checkbox: the box shows ✓ (not only colour) and the full line is the touch target. */
export default function Check({ checked, onChange, children }: CheckProps) {
  return (
    <View className='ght-form__check' role='checkbox' onClick={() => onChange(!checked)}>
      <Text className={checked ? 'ght-form__box ght-form__box--on' : 'ght-form__box'}>{checked ? '✓' : ''}</Text>
      <View>{children}</View>
    </View>
  )
}
