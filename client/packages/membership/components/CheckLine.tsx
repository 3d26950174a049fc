import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface CheckLineProps {
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
}

/** A whole-line checkbox: the box shows ✓ (not only colour) and the full line is the touch target. */
export default function CheckLine({ checked, onChange, children }: CheckLineProps) {
  return (
    <View className='mb__check' role='checkbox' onClick={() => onChange(!checked)}>
      <Text className={checked ? 'mb__box mb__box--on' : 'mb__box'}>{checked ? '✓' : ''}</Text>
      <View>{children}</View>
    </View>
  )
}
